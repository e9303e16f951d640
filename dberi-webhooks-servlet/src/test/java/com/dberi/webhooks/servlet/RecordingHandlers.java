package com.dberi.webhooks.servlet;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handlers for the five documented event types and a fallback, which count their calls and keep the
 * events they completed.
 */
final class RecordingHandlers {

  /** Runs inside the typed handler before it records the event; may block or throw. */
  @FunctionalInterface
  interface Hook {
    void run(int invocation) throws Exception;
  }

  private final AtomicInteger invocations = new AtomicInteger();
  private final List<Event> dispatched = new CopyOnWriteArrayList<>();
  private final List<Event> fallbackEvents = new CopyOnWriteArrayList<>();
  private volatile Hook hook = invocation -> {};

  void hook(Hook hook) {
    this.hook = hook;
  }

  /** Registers the handlers on {@code builder} and returns it. */
  WebhookProcessor.Builder register(WebhookProcessor.Builder builder) {
    return builder
        .on(PaymentCompleted.class, this::handle)
        .on(PaymentFailed.class, this::handle)
        .on(PaymentExpired.class, this::handle)
        .on(RefundCompleted.class, this::handle)
        .on(PayoutPaid.class, this::handle)
        .fallback((data, event) -> fallbackEvents.add(event));
  }

  private void handle(EventData data, Event event) throws Exception {
    int invocation = invocations.incrementAndGet();
    hook.run(invocation);
    dispatched.add(event);
  }

  /** Returns how often a typed handler was called, including calls that threw. */
  int invocations() {
    return invocations.get();
  }

  /** Returns how often a typed handler completed. */
  int dispatchCount() {
    return dispatched.size();
  }

  /** Returns the events that typed handlers completed, in order. */
  List<Event> dispatched() {
    return List.copyOf(dispatched);
  }

  /** Returns the events that the fallback handler received, in order. */
  List<Event> fallbackEvents() {
    return List.copyOf(fallbackEvents);
  }
}
