package com.dberi.webhooks.event;

import java.util.Map;
import java.util.Objects;

/**
 * Data of a {@code payment.failed} event: the payment did not go through and the order stays unpaid.
 *
 * @param paymentId Dberi's payment id ({@code payment_id}), never null
 * @param errorCode the machine-readable failure code ({@code error_code}), such as {@code
 *     INSUFFICIENT_BALANCE}, never null
 * @param errorMessage a human-readable explanation ({@code error_message}), or {@code null} when
 *     absent
 * @param metadata the merchant's own key-value pairs given when the payment was created; empty when
 *     absent, never null
 */
public record PaymentFailed(
    String paymentId, String errorCode, String errorMessage, Map<String, String> metadata)
    implements EventData {

  /** Checks the required fields and copies {@code metadata} into an unmodifiable map in its order. */
  public PaymentFailed {
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(errorCode, "errorCode");
    metadata = Metadata.copy(metadata);
  }
}
