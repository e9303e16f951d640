package com.dberi.webhooks.event;

import java.util.Objects;

/**
 * Data of an event type that this SDK version does not model, such as a type Dberi added later.
 *
 * <p>An unknown type is not an error: the event parses, and a fallback handler can read the fields
 * it needs from {@link #json()}.
 *
 * @param type the event's {@code type}, never null
 * @param json the raw JSON text of the event's {@code data} value as it appeared in the body, or
 *     {@code "null"} when the event has no {@code data}
 */
public record UnknownEventData(String type, String json) implements EventData {

  /** Checks that both components are present. */
  public UnknownEventData {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }
}
