/**
 * Typed event data: one immutable record per documented event type, {@link
 * com.dberi.webhooks.event.UnknownEventData} for any other type, and {@link
 * com.dberi.webhooks.event.EventType} to map between {@code type} strings and records.
 */
package com.dberi.webhooks.event;
