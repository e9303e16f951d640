package com.dberi.webhooks.event;

import java.util.Objects;

/**
 * Data of a {@code payment.expired} event: the customer did not pay within 24 hours.
 *
 * @param paymentId Dberi's payment id ({@code payment_id}), never null
 */
public record PaymentExpired(String paymentId) implements EventData {

  /** Checks the required field. */
  public PaymentExpired {
    Objects.requireNonNull(paymentId, "paymentId");
  }
}
