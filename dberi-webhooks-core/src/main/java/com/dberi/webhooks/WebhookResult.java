package com.dberi.webhooks;

import com.dberi.webhooks.WebhookVerificationException.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision of {@link WebhookProcessor#process} for one delivery: the HTTP status and short body of the
 * response, and the outcome behind them. Immutable.
 */
public final class WebhookResult {

  /** The fate of a delivery. */
  public enum Outcome {
    /** The handlers ran and succeeded; the event is marked processed. Status 200. */
    PROCESSED(200),
    /** The event was processed before; no handler ran. Status 200. */
    DUPLICATE(200),
    /** No handler is registered for the event type; the event is acknowledged and recorded. Status 200. */
    IGNORED(200),
    /** Another delivery of the same event is being processed now; Dberi retries later. Status 409. */
    IN_PROGRESS(409),
    /** The delivery failed verification (signature, timestamp or payload). Status 401 or 400. */
    REJECTED(400),
    /** A handler or the idempotency store failed; the event stays unprocessed for a retry. Status 500. */
    FAILED(500);

    private final int defaultStatus;

    Outcome(int defaultStatus) {
      this.defaultStatus = defaultStatus;
    }
  }

  private final Outcome outcome;
  private final int status;
  private final String body;
  private final String eventId;
  private final String eventType;
  private final Reason rejectionReason;
  private final Duration handlerDuration;

  private WebhookResult(
      Outcome outcome,
      int status,
      String body,
      String eventId,
      String eventType,
      Reason rejectionReason,
      Duration handlerDuration) {
    this.outcome = outcome;
    this.status = status;
    this.body = body;
    this.eventId = eventId;
    this.eventType = eventType;
    this.rejectionReason = rejectionReason;
    this.handlerDuration = handlerDuration;
  }

  static WebhookResult of(Outcome outcome, Event event, String body, Duration handlerDuration) {
    return new WebhookResult(
        outcome,
        outcome.defaultStatus,
        body,
        event.id().orElse(null),
        event.type(),
        null,
        handlerDuration);
  }

  static WebhookResult rejected(WebhookVerificationException e) {
    return new WebhookResult(
        Outcome.REJECTED,
        e.httpStatus(),
        e.reason() + ": " + e.getMessage(),
        null,
        null,
        e.reason(),
        Duration.ZERO);
  }

  /** Returns what happened to the delivery. */
  public Outcome outcome() {
    return outcome;
  }

  /** Returns the HTTP status for the response: 200, 400, 401, 409 or 500. */
  public int status() {
    return status;
  }

  /**
   * Returns a short plain-text body for the response. It never contains a stack trace, an exception
   * message from a handler, a secret or a signature.
   */
  public String body() {
    return body;
  }

  /** Returns the event id, or empty when the delivery was rejected or the event has no id. */
  public Optional<String> eventId() {
    return Optional.ofNullable(eventId);
  }

  /** Returns the event type, or empty when the delivery was rejected before parsing. */
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType);
  }

  /** Returns why the delivery was rejected, or empty unless the outcome is {@link Outcome#REJECTED}. */
  public Optional<Reason> rejectionReason() {
    return Optional.ofNullable(rejectionReason);
  }

  /** Returns how long the handlers ran, or zero when none ran. */
  public Duration handlerDuration() {
    return handlerDuration;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookResult that
        && outcome == that.outcome
        && status == that.status
        && body.equals(that.body)
        && Objects.equals(eventId, that.eventId)
        && Objects.equals(eventType, that.eventType)
        && rejectionReason == that.rejectionReason;
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, status, body, eventId, eventType, rejectionReason);
  }

  @Override
  public String toString() {
    return "WebhookResult{outcome="
        + outcome
        + ", status="
        + status
        + ", eventId="
        + eventId
        + ", eventType="
        + eventType
        + (rejectionReason == null ? "" : ", reason=" + rejectionReason)
        + "}";
  }
}
