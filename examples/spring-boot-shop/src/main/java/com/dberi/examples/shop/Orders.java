package com.dberi.examples.shop;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL access to orders, their items, the stock and the email outbox. Portable to H2 and PostgreSQL. */
@Repository
public class Orders {

  private final JdbcClient jdbc;

  Orders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One row of the orders table. */
  public record OrderRow(
      String id,
      String customerEmail,
      long amount,
      String status,
      String paymentId,
      Long refundAmount,
      String refundReason) {}

  /** One line of an order. */
  public record Item(String sku, int quantity) {}

  /** One recorded email. */
  public record Email(String kind, String recipient, String subject, OffsetDateTime createdAt) {}

  /** Stock level of one product. */
  public record StockLevel(String sku, int available, int reserved) {}

  void insertOrder(String id, String customerEmail, long amount, String paymentId) {
    OffsetDateTime now = now();
    jdbc.sql(
            "INSERT INTO orders (id, customer_email, amount, status, payment_id, created_at,"
                + " updated_at) VALUES (:id, :email, :amount, :status, :paymentId, :now, :now)")
        .param("id", id)
        .param("email", customerEmail)
        .param("amount", amount)
        .param("status", OrderStatus.PENDING.value())
        .param("paymentId", paymentId)
        .param("now", now)
        .update();
  }

  void insertItem(String orderId, Item item) {
    jdbc.sql("INSERT INTO order_items (order_id, sku, quantity) VALUES (:orderId, :sku, :quantity)")
        .param("orderId", orderId)
        .param("sku", item.sku())
        .param("quantity", item.quantity())
        .update();
  }

  Optional<OrderRow> findById(String id) {
    return jdbc.sql(
            "SELECT id, customer_email, amount, status, payment_id, refund_amount, refund_reason"
                + " FROM orders WHERE id = :id")
        .param("id", id)
        .query(OrderRow.class)
        .optional();
  }

  Optional<OrderRow> findByPaymentId(String paymentId) {
    return jdbc.sql(
            "SELECT id, customer_email, amount, status, payment_id, refund_amount, refund_reason"
                + " FROM orders WHERE payment_id = :paymentId")
        .param("paymentId", paymentId)
        .query(OrderRow.class)
        .optional();
  }

  List<Item> items(String orderId) {
    return jdbc.sql("SELECT sku, quantity FROM order_items WHERE order_id = :orderId ORDER BY sku")
        .param("orderId", orderId)
        .query(Item.class)
        .list();
  }

  List<Email> emails(String orderId) {
    return jdbc.sql(
            "SELECT kind, recipient, subject, created_at FROM email_outbox WHERE order_id = :orderId"
                + " ORDER BY id")
        .param("orderId", orderId)
        .query(Email.class)
        .list();
  }

  /**
   * Moves an order from {@code from} to {@code to} and stores the payment id, in one conditional
   * update so that two events for one order cannot both win.
   *
   * @return true if the order was in {@code from} and moved
   */
  boolean transition(String id, OrderStatus from, OrderStatus to, String paymentId) {
    return jdbc.sql(
                "UPDATE orders SET status = :to, payment_id = :paymentId, updated_at = :now"
                    + " WHERE id = :id AND status = :from")
            .param("to", to.value())
            .param("paymentId", paymentId)
            .param("now", now())
            .param("id", id)
            .param("from", from.value())
            .update()
        == 1;
  }

  /**
   * Marks a paid or refunded order refunded and adds {@code amount} to its refunded total.
   *
   * @return true if the order was paid or refunded and changed
   */
  boolean recordRefund(String id, long amount, String reason) {
    return jdbc.sql(
                "UPDATE orders SET status = :refunded,"
                    + " refund_amount = COALESCE(refund_amount, 0) + :amount,"
                    + " refund_reason = :reason, updated_at = :now"
                    + " WHERE id = :id AND status IN (:paid, :refunded)")
            .param("refunded", OrderStatus.REFUNDED.value())
            .param("amount", amount)
            .param("reason", reason)
            .param("now", now())
            .param("id", id)
            .param("paid", OrderStatus.PAID.value())
            .update()
        == 1;
  }

  /**
   * Moves {@code quantity} of {@code sku} from available to reserved.
   *
   * @return false if the product is unknown or fewer than {@code quantity} are available
   */
  boolean reserve(Item item) {
    return jdbc.sql(
                "UPDATE stock SET available = available - :quantity, reserved = reserved + :quantity"
                    + " WHERE sku = :sku AND available >= :quantity")
            .param("quantity", item.quantity())
            .param("sku", item.sku())
            .update()
        == 1;
  }

  /** Returns the reserved stock of an order's items to available. */
  void releaseReserved(String orderId) {
    for (Item item : items(orderId)) {
      jdbc.sql(
              "UPDATE stock SET available = available + :quantity, reserved = reserved - :quantity"
                  + " WHERE sku = :sku")
          .param("quantity", item.quantity())
          .param("sku", item.sku())
          .update();
    }
  }

  /** Removes an order's items from reserved stock, because they are sold. */
  void sellReserved(String orderId) {
    for (Item item : items(orderId)) {
      jdbc.sql("UPDATE stock SET reserved = reserved - :quantity WHERE sku = :sku")
          .param("quantity", item.quantity())
          .param("sku", item.sku())
          .update();
    }
  }

  Optional<StockLevel> stock(String sku) {
    return jdbc.sql("SELECT sku, available, reserved FROM stock WHERE sku = :sku")
        .param("sku", sku)
        .query(StockLevel.class)
        .optional();
  }

  List<StockLevel> allStock() {
    return jdbc.sql("SELECT sku, available, reserved FROM stock ORDER BY sku")
        .query(StockLevel.class)
        .list();
  }

  void recordEmail(String orderId, String recipient, String kind, String subject) {
    jdbc.sql(
            "INSERT INTO email_outbox (order_id, recipient, kind, subject, created_at)"
                + " VALUES (:orderId, :recipient, :kind, :subject, :now)")
        .param("orderId", orderId)
        .param("recipient", recipient)
        .param("kind", kind)
        .param("subject", subject)
        .param("now", now())
        .update();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
