package com.dberi.webhooks;

import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified Dberi event: the envelope fields, the typed {@link #data()}, and the JSON it came from.
 *
 * <p>Instances come from {@link WebhookVerifier#verifyAndParse} and are immutable and thread-safe.
 * An event without an {@code id} still parses; the {@link WebhookProcessor} then derives its
 * idempotency key from the SHA-256 of the raw body, so byte-identical redeliveries are still
 * detected.
 */
public final class Event {

  private static final int UTF8_BOM_LENGTH = 3;

  private final String id;
  private final String type;
  private final Instant created;
  private final EventData data;
  private final byte[] body;
  private volatile String json;

  Event(String id, String type, Instant created, EventData data, byte[] body) {
    this.id = id;
    this.type = Objects.requireNonNull(type, "type");
    this.created = created;
    this.data = Objects.requireNonNull(data, "data");
    this.body = body.clone();
  }

  /** Returns the event id ({@code id}), or empty when the event carries none. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** Returns the event type as sent ({@code type}), such as {@code payment.completed}. */
  public String type() {
    return type;
  }

  /** Returns the documented type, or empty for a type that this SDK version does not model. */
  public Optional<EventType> knownType() {
    return EventType.fromWireName(type);
  }

  /** Returns when Dberi created the event ({@code created}), or empty when absent. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /**
   * Returns the typed data: one of the records in {@link com.dberi.webhooks.event}, or {@link
   * com.dberi.webhooks.event.UnknownEventData} for an unknown type.
   */
  public EventData data() {
    return data;
  }

  /**
   * Returns the data cast to {@code dataType}.
   *
   * @throws IllegalStateException if this event's data is of another type; the message names both
   */
  public <T extends EventData> T data(Class<T> dataType) {
    Objects.requireNonNull(dataType, "dataType");
    if (!dataType.isInstance(data)) {
      throw new IllegalStateException(
          "Event "
              + describe()
              + " carries "
              + data.getClass().getSimpleName()
              + ", not "
              + dataType.getSimpleName()
              + "; check event.type() before asking for a data type");
    }
    return dataType.cast(data);
  }

  /**
   * Returns the whole event JSON exactly as received, decoded as UTF-8 without a leading byte order
   * mark, for fields that this SDK version does not model.
   */
  public String json() {
    String text = json;
    if (text == null) {
      int offset = hasUtf8Bom(body) ? UTF8_BOM_LENGTH : 0;
      text = new String(body, offset, body.length - offset, StandardCharsets.UTF_8);
      json = text;
    }
    return text;
  }

  /** Returns a copy of the raw body bytes that were verified. */
  public byte[] body() {
    return body.clone();
  }

  private static boolean hasUtf8Bom(byte[] bytes) {
    return bytes.length >= UTF8_BOM_LENGTH
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
  }

  private String describe() {
    return (id == null ? "(no id)" : id) + " of type " + type;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Event that && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  /** Returns the id and type only; the data may hold personal details and is left out. */
  @Override
  public String toString() {
    return "Event{id=" + (id == null ? "(none)" : id) + ", type=" + type + "}";
  }
}
