package com.dberi.webhooks.event;

import java.util.Objects;
import java.util.Optional;

/** The event types that Dberi documents, each with the record its {@code data} parses to. */
public enum EventType {
  /** {@code payment.completed}, data {@link PaymentCompleted}. */
  PAYMENT_COMPLETED("payment.completed", PaymentCompleted.class),
  /** {@code payment.failed}, data {@link PaymentFailed}. */
  PAYMENT_FAILED("payment.failed", PaymentFailed.class),
  /** {@code payment.expired}, data {@link PaymentExpired}. */
  PAYMENT_EXPIRED("payment.expired", PaymentExpired.class),
  /** {@code refund.completed}, data {@link RefundCompleted}. */
  REFUND_COMPLETED("refund.completed", RefundCompleted.class),
  /** {@code payout.paid}, data {@link PayoutPaid}. */
  PAYOUT_PAID("payout.paid", PayoutPaid.class);

  private final String wireName;
  private final Class<? extends EventData> dataType;

  EventType(String wireName, Class<? extends EventData> dataType) {
    this.wireName = wireName;
    this.dataType = dataType;
  }

  /** Returns the {@code type} string as it appears in the event JSON, such as {@code payout.paid}. */
  public String wireName() {
    return wireName;
  }

  /** Returns the record that this type's {@code data} parses to. */
  public Class<? extends EventData> dataType() {
    return dataType;
  }

  /**
   * Returns the documented type with the given {@code type} string.
   *
   * @return the type, or empty for a type this SDK version does not model
   */
  public static Optional<EventType> fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName");
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the documented type whose data parses to {@code dataType}.
   *
   * @return the type, or empty for {@link UnknownEventData} and {@link EventData} itself
   */
  public static Optional<EventType> fromDataType(Class<?> dataType) {
    Objects.requireNonNull(dataType, "dataType");
    for (EventType type : values()) {
      if (type.dataType == dataType) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
