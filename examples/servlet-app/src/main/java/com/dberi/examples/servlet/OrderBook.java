package com.dberi.examples.servlet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Order statuses kept in memory, keyed by order id and by payment id. Thread-safe.
 *
 * <p>A real application keeps orders in its database; this map only shows which handler ran.
 */
public final class OrderBook {

  private final Map<String, String> statusByOrderId = new ConcurrentHashMap<>();
  private final Map<String, String> orderIdByPaymentId = new ConcurrentHashMap<>();

  /** Records the order's payment id and status. */
  void update(String orderId, String paymentId, String status) {
    statusByOrderId.put(orderId, status);
    orderIdByPaymentId.put(paymentId, orderId);
  }

  /** Sets the status of the order paid with {@code paymentId}; returns false for an unknown payment. */
  boolean updateByPayment(String paymentId, String status) {
    String orderId = orderIdByPaymentId.get(paymentId);
    if (orderId == null) {
      return false;
    }
    statusByOrderId.put(orderId, status);
    return true;
  }

  /** Returns the order's status, or empty for an order no event named. */
  public Optional<String> status(String orderId) {
    return Optional.ofNullable(statusByOrderId.get(orderId));
  }
}
