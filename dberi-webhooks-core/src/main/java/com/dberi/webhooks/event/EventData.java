package com.dberi.webhooks.event;

/**
 * The {@code data} object of an event, typed by the event's {@code type}.
 *
 * <p>Each documented event type has its own immutable record; any other type parses to {@link
 * UnknownEventData}, which keeps the raw JSON so that a newer event type is never an error.
 */
public sealed interface EventData
    permits PaymentCompleted, PaymentFailed, PaymentExpired, RefundCompleted, PayoutPaid,
        UnknownEventData {}
