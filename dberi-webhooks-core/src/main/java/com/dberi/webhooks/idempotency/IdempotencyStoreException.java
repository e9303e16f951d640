package com.dberi.webhooks.idempotency;

/**
 * Thrown when an {@link IdempotencyStore} cannot do its work, for example because its database is
 * unreachable or its table is missing. The webhook processor responds with 500 so that the sender retries.
 */
public class IdempotencyStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that states what failed and what to check. */
  public IdempotencyStoreException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the exception that caused it. */
  public IdempotencyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
