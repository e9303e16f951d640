package com.dberi.webhooks.event;

import java.util.Objects;

/**
 * Data of a {@code refund.completed} event: money went back to the customer.
 *
 * @param refundId Dberi's refund id ({@code refund_id}), never null
 * @param paymentId the refunded payment ({@code payment_id}), never null
 * @param amount the refunded amount in minor units of the currency ({@code amount})
 * @param reason why the refund was made ({@code reason}), or {@code null} when absent
 */
public record RefundCompleted(String refundId, String paymentId, long amount, String reason)
    implements EventData {

  /** Checks the required fields. */
  public RefundCompleted {
    Objects.requireNonNull(refundId, "refundId");
    Objects.requireNonNull(paymentId, "paymentId");
  }
}
