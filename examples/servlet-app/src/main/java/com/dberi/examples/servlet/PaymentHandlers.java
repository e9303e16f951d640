package com.dberi.examples.servlet;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handlers of the servlet example, registered in plain Java on a processor builder. */
final class PaymentHandlers {

  private static final Logger log = LoggerFactory.getLogger(PaymentHandlers.class);

  private final OrderBook orders;

  PaymentHandlers(OrderBook orders) {
    this.orders = orders;
  }

  /** Registers one handler per documented event type on {@code builder}. */
  WebhookProcessor.Builder register(WebhookProcessor.Builder builder) {
    return builder
        .on(PaymentCompleted.class, this::paymentCompleted)
        .on(PaymentFailed.class, this::paymentFailed)
        .on(PaymentExpired.class, this::paymentExpired)
        .on(RefundCompleted.class, this::refundCompleted)
        .on(PayoutPaid.class, this::payoutPaid);
  }

  private void paymentCompleted(PaymentCompleted payment, Event event) {
    String orderId = payment.metadata().get("order_id");
    if (orderId == null) {
      log.warn("Event {} pays {} without metadata.order_id; acknowledged without changes",
          event.id().orElse("(no id)"), payment.paymentId());
      return;
    }
    orders.update(orderId, payment.paymentId(), "paid");
    log.info("Order {} paid: {} minor units, payment {}", orderId, payment.amount(), payment.paymentId());
  }

  private void paymentFailed(PaymentFailed payment, Event event) {
    String orderId = payment.metadata().getOrDefault("order_id", "(no order_id)");
    orders.update(orderId, payment.paymentId(), "payment_failed");
    log.info("Order {} payment {} failed: {}", orderId, payment.paymentId(), payment.errorCode());
  }

  private void paymentExpired(PaymentExpired payment, Event event) {
    updateByPayment(payment.paymentId(), "expired", event);
  }

  private void refundCompleted(RefundCompleted refund, Event event) {
    updateByPayment(refund.paymentId(), "refunded", event);
  }

  private void payoutPaid(PayoutPaid payout, Event event) {
    log.info("Payout {} of {} minor units arrives on {}", payout.payoutId(), payout.amount(),
        payout.arrivalDate());
  }

  private void updateByPayment(String paymentId, String status, Event event) {
    if (orders.updateByPayment(paymentId, status)) {
      log.info("Payment {} is {} (event {})", paymentId, status, event.id().orElse("(no id)"));
    } else {
      log.warn("Event {} ({}) names unknown payment {}; acknowledged without changes",
          event.id().orElse("(no id)"), event.type(), paymentId);
    }
  }
}
