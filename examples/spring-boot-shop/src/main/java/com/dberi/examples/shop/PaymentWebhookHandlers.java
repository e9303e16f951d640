package com.dberi.examples.shop;

import com.dberi.examples.shop.Orders.OrderRow;
import com.dberi.webhooks.Event;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.dberi.webhooks.spring.DberiWebhook;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies Dberi payment events to orders.
 *
 * <p>Each handler is {@code @Transactional}: with the JDBC idempotency store in the same database,
 * its writes and the "processed" record commit or roll back together. A crash therefore leaves
 * both or neither, and after neither, Dberi's retry runs the handler again. When a handler throws,
 * the SDK responds with 500 and Dberi retries.
 *
 * <p>An event for an order this shop does not know, or for an order in a state the event does not
 * apply to, is logged at WARN and acknowledged with 200: a retry would find the same data, so
 * failing would only make Dberi retry until it gives up. An operator reconciles such orders from
 * the log.
 */
@Component
public class PaymentWebhookHandlers {

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhookHandlers.class);

  static final String ORDER_ID_KEY = "order_id";

  private final Orders orders;

  PaymentWebhookHandlers(Orders orders) {
    this.orders = orders;
  }

  /** Marks the order paid, sells its reserved stock and records the confirmation email. */
  @DberiWebhook
  @Transactional
  public void paymentCompleted(PaymentCompleted payment, Event event) {
    Optional<OrderRow> found = findOrder(payment.metadata(), payment.paymentId(), event);
    if (found.isEmpty()) {
      return;
    }
    OrderRow order = found.get();
    if (!orders.transition(order.id(), OrderStatus.PENDING, OrderStatus.PAID, payment.paymentId())) {
      warnWrongState(order, event);
      return;
    }
    orders.sellReserved(order.id());
    orders.recordEmail(
        order.id(), order.customerEmail(), "order_confirmation",
        "Your order " + order.id() + " is confirmed");
    log.info("Order {} paid by payment {} (event {})", order.id(), payment.paymentId(), eventId(event));
  }

  /** Marks the order failed, releases its reserved stock and records the failure email. */
  @DberiWebhook
  @Transactional
  public void paymentFailed(PaymentFailed payment, Event event) {
    Optional<OrderRow> found = findOrder(payment.metadata(), payment.paymentId(), event);
    if (found.isEmpty()) {
      return;
    }
    OrderRow order = found.get();
    if (!orders.transition(
        order.id(), OrderStatus.PENDING, OrderStatus.PAYMENT_FAILED, payment.paymentId())) {
      warnWrongState(order, event);
      return;
    }
    orders.releaseReserved(order.id());
    orders.recordEmail(
        order.id(), order.customerEmail(), "payment_failed",
        "Payment for your order " + order.id() + " failed");
    log.info(
        "Order {} payment {} failed with {} (event {})",
        order.id(), payment.paymentId(), payment.errorCode(), eventId(event));
  }

  /** Marks the order expired and releases its reserved stock; no email. */
  @DberiWebhook
  @Transactional
  public void paymentExpired(PaymentExpired payment, Event event) {
    Optional<OrderRow> found = findOrder(Map.of(), payment.paymentId(), event);
    if (found.isEmpty()) {
      return;
    }
    OrderRow order = found.get();
    if (!orders.transition(order.id(), OrderStatus.PENDING, OrderStatus.EXPIRED, payment.paymentId())) {
      warnWrongState(order, event);
      return;
    }
    orders.releaseReserved(order.id());
    log.info("Order {} expired unpaid (event {})", order.id(), eventId(event));
  }

  /** Marks the paid order refunded, adds the amount to its refunds and records the refund email. */
  @DberiWebhook
  @Transactional
  public void refundCompleted(RefundCompleted refund, Event event) {
    Optional<OrderRow> found = findOrder(Map.of(), refund.paymentId(), event);
    if (found.isEmpty()) {
      return;
    }
    OrderRow order = found.get();
    if (!orders.recordRefund(order.id(), refund.amount(), refund.reason())) {
      warnWrongState(order, event);
      return;
    }
    orders.recordEmail(
        order.id(), order.customerEmail(), "refund_confirmation",
        "Refund of " + refund.amount() + " for your order " + order.id());
    log.info(
        "Order {} refunded {} by refund {} (event {})",
        order.id(), refund.amount(), refund.refundId(), eventId(event));
  }

  /** Logs the payout; bookkeeping would reconcile it with the paid orders. */
  @DberiWebhook
  public void payoutPaid(PayoutPaid payout, Event event) {
    log.info(
        "Payout {} of {} arrives on {} (event {})",
        payout.payoutId(), payout.amount(), payout.arrivalDate(), eventId(event));
  }

  /**
   * Finds the order by {@code metadata.order_id} when present, else by payment id; logs a warning
   * when neither matches.
   */
  private Optional<OrderRow> findOrder(Map<String, String> metadata, String paymentId, Event event) {
    String orderId = metadata.get(ORDER_ID_KEY);
    Optional<OrderRow> order =
        orderId != null ? orders.findById(orderId) : orders.findByPaymentId(paymentId);
    if (order.isEmpty()) {
      log.warn(
          "Dberi event {} ({}) names unknown order {} / payment {}; acknowledged without changes. {}",
          eventId(event),
          event.type(),
          orderId == null ? "(no order_id)" : orderId,
          paymentId,
          orderId == null
              ? "Check that the shop stores the payment id when it creates the payment."
              : "The order may live in another environment's database, or this database was reset.");
    }
    return order;
  }

  private static void warnWrongState(OrderRow order, Event event) {
    log.warn(
        "Dberi event {} ({}) does not apply to order {} in status {}; acknowledged without changes",
        eventId(event), event.type(), order.id(), order.status());
  }

  private static String eventId(Event event) {
    return event.id().orElse("(no id)");
  }
}
