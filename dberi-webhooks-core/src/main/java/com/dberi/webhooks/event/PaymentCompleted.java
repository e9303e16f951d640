package com.dberi.webhooks.event;

import java.util.Map;
import java.util.Objects;

/**
 * Data of a {@code payment.completed} event: the customer paid and the merchant can fulfil the order.
 *
 * @param paymentId Dberi's payment id ({@code payment_id}), never null
 * @param merchantId the merchant account ({@code merchant_id}), or {@code null} when absent
 * @param amount the amount in minor units of the currency ({@code amount}), for example 2500 for 25.00
 * @param status the payment status as Dberi reports it ({@code status}), or {@code null} when absent
 * @param customerId the paying customer ({@code customer_id}), or {@code null} when absent
 * @param metadata the merchant's own key-value pairs given when the payment was created, such as
 *     {@code order_id}; empty when absent, never null
 */
public record PaymentCompleted(
    String paymentId,
    String merchantId,
    long amount,
    String status,
    String customerId,
    Map<String, String> metadata)
    implements EventData {

  /** Checks the required fields and copies {@code metadata} into an unmodifiable map in its order. */
  public PaymentCompleted {
    Objects.requireNonNull(paymentId, "paymentId");
    metadata = Metadata.copy(metadata);
  }
}
