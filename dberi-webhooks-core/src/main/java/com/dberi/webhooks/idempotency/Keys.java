package com.dberi.webhooks.idempotency;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the stores, so every store rejects the same inputs with the same words. */
final class Keys {

  private Keys() {}

  static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank() || key.length() > IdempotencyStore.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Idempotency key must be 1 to "
              + IdempotencyStore.MAX_KEY_LENGTH
              + " characters and not blank, was "
              + key.length()
              + " characters");
    }
  }

  static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > IdempotencyStore.MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException(
          "Owner token must be 1 to "
              + IdempotencyStore.MAX_OWNER_LENGTH
              + " characters and not blank, was "
              + owner.length()
              + " characters");
    }
  }

  static void checkLease(Duration lease) {
    checkPositive(lease, "lease");
  }

  static Duration checkPositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }
}
