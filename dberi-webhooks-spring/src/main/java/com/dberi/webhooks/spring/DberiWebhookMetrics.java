package com.dberi.webhooks.spring;

import com.dberi.webhooks.WebhookResult;
import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Records each webhook result in Micrometer.
 *
 * <ul>
 *   <li>{@value #DELIVERIES}: a counter tagged {@code type} and {@code outcome} (the lowercase
 *       {@link Outcome}, such as {@code processed} or {@code duplicate});
 *   <li>{@value #HANDLER_DURATION}: a timer tagged {@code type}, for deliveries whose handlers ran.
 * </ul>
 *
 * <p>The {@code type} tag is the event type for documented types, {@code unknown} for any other
 * type, so that a sender cannot create unbounded tag values, and {@code none} for a delivery
 * rejected before its type was read.
 */
final class DberiWebhookMetrics implements Consumer<WebhookResult> {

  static final String DELIVERIES = "dberi.webhooks.deliveries";
  static final String HANDLER_DURATION = "dberi.webhooks.handler.duration";

  private final MeterRegistry registry;

  DberiWebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void accept(WebhookResult result) {
    String type = typeTag(result);
    Counter.builder(DELIVERIES)
        .description("Dberi webhook deliveries by event type and outcome")
        .tag("type", type)
        .tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();

    if (handlersRan(result)) {
      Timer.builder(HANDLER_DURATION)
          .description("Time that the handlers of one Dberi event took, with the store's completion")
          .tag("type", type)
          .register(registry)
          .record(result.handlerDuration());
    }
  }

  private static boolean handlersRan(WebhookResult result) {
    Outcome outcome = result.outcome();
    return (outcome == Outcome.PROCESSED || outcome == Outcome.FAILED)
        && !result.handlerDuration().isZero();
  }

  private static String typeTag(WebhookResult result) {
    return result
        .eventType()
        .map(type -> EventType.fromWireName(type).isPresent() ? type : "unknown")
        .orElse("none");
  }
}
