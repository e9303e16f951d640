package com.dberi.webhooks.servlet;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;

/**
 * Creates the {@link WebhookProcessor} for a {@link DberiWebhookFilter} that is declared in {@code
 * web.xml}, so that the filter processes deliveries without Spring or code in a listener.
 *
 * <p>Name the implementing class in the filter's {@code processor-factory} init parameter. The
 * class needs a public no-argument constructor; the filter creates one instance in {@code init} and
 * calls {@link #create} once.
 *
 * <pre>{@code
 * public final class OrderWebhooks implements WebhookProcessorFactory {
 *   public WebhookProcessor create(WebhookVerifier verifier) {
 *     return WebhookProcessor.builder()
 *         .verifier(verifier)
 *         .idempotencyStore(...)
 *         .on(PaymentCompleted.class, (payment, event) -> orders.markPaid(payment.paymentId()))
 *         .build();
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WebhookProcessorFactory {

  /**
   * Creates the processor for the filter.
   *
   * @param verifier the verifier built from the filter's init parameters (secret and tolerance);
   *     pass it to {@link WebhookProcessor.Builder#verifier}
   * @return the processor, never {@code null}
   */
  WebhookProcessor create(WebhookVerifier verifier);
}
