package com.dberi.examples.shop;

import java.util.Locale;

/** The life cycle of an order; the lowercase name is stored and shown. */
public enum OrderStatus {
  /** Created, stock reserved, payment not settled yet. */
  PENDING,
  /** payment.completed arrived; the reserved stock is sold. */
  PAID,
  /** payment.failed arrived; the reserved stock is released. */
  PAYMENT_FAILED,
  /** payment.expired arrived; the reserved stock is released. */
  EXPIRED,
  /** refund.completed arrived for the order's payment, for all or part of the amount. */
  REFUNDED;

  /** Returns the stored and displayed name, such as {@code payment_failed}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
