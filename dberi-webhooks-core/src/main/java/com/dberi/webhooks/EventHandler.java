package com.dberi.webhooks;

import com.dberi.webhooks.event.EventData;

/**
 * Handles the data of one event type, registered with {@link WebhookProcessor.Builder#on}.
 *
 * <p>A handler that throws makes the processor respond with 500 and leave the event unprocessed, so
 * that Dberi retries it. The retry runs every handler registered for the type again, including those
 * that returned normally the first time, and a handler whose claim expired before it finished also
 * runs again. Write handlers so that running twice for one event does no harm, for example by
 * checking the order's state before changing it. Handlers run on the request thread and may be
 * called concurrently for different events.
 *
 * @param <T> the event data type, such as {@link com.dberi.webhooks.event.PaymentCompleted}
 */
@FunctionalInterface
public interface EventHandler<T extends EventData> {

  /**
   * Handles one event.
   *
   * @param data the typed event data
   * @param event the envelope, with the event id, type, creation time and raw JSON
   * @throws Exception to have the event left unprocessed and retried
   */
  void handle(T data, Event event) throws Exception;
}
