package com.dberi.webhooks;

import java.util.Objects;

/**
 * Thrown when a delivery fails verification: a missing, malformed or wrong signature, a missing,
 * malformed or out-of-tolerance timestamp, or a body that is not a valid event.
 *
 * <p>The exception is unchecked so that verification can be called from lambdas and framework
 * callbacks; the {@link WebhookProcessor} and the adapters catch it and respond with {@link #httpStatus()}.
 * The message states what was wrong and what to check. It never contains a secret or the expected
 * signature, and it contains no part of a received signature.
 */
public final class WebhookVerificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The cause of a rejected delivery, with the HTTP status an adapter responds with. */
  public enum Reason {
    /** The {@code x-dberi-signature} header is absent or blank. */
    MISSING_SIGNATURE(401),
    /** The {@code x-dberi-signature} header contains no 64-character hexadecimal value. */
    MALFORMED_SIGNATURE(401),
    /** No signature in the header matches the body under any configured secret. */
    SIGNATURE_MISMATCH(401),
    /** The {@code x-dberi-timestamp} header is absent or blank. */
    MISSING_TIMESTAMP(400),
    /** The {@code x-dberi-timestamp} header is not 1 to 16 decimal digits. */
    MALFORMED_TIMESTAMP(400),
    /** The timestamp is older than the tolerance allows. */
    TIMESTAMP_TOO_OLD(400),
    /** The timestamp is further ahead of the local clock than the tolerance allows. */
    TIMESTAMP_IN_FUTURE(400),
    /** The body is not a valid event: not JSON, over a parser limit, or missing a required field. */
    MALFORMED_PAYLOAD(400);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** Returns the HTTP status for this reason: 401 for signature problems, 400 otherwise. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  /**
   * Creates an exception for {@code reason}.
   *
   * @param reason why the delivery was rejected
   * @param message what was wrong and what to check; must not contain a secret or a signature
   */
  public WebhookVerificationException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * Creates an exception for {@code reason} with the exception that caused it.
   *
   * @param reason why the delivery was rejected
   * @param message what was wrong and what to check; must not contain a secret or a signature
   * @param cause the underlying parser or decoder exception, or {@code null}
   */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the machine-readable reason. */
  public Reason reason() {
    return reason;
  }

  /** Returns the HTTP status an adapter responds with: 401 for signature reasons, 400 otherwise. */
  public int httpStatus() {
    return reason.httpStatus();
  }
}
