package com.dberi.webhooks.idempotency;

import java.time.Duration;
import java.util.Objects;

/** Checks the arguments of {@link IdempotencyStore} calls and formats keys for messages. */
final class StoreArguments {

  private static final int MAX_DESCRIBED_LENGTH = 64;

  private StoreArguments() {}

  /**
   * Checks that {@code key} is not null, not blank and at most {@value
   * IdempotencyStore#MAX_KEY_LENGTH} characters long.
   */
  static void checkKey(String key) {
    checkToken(key, "key", IdempotencyStore.MAX_KEY_LENGTH);
  }

  /**
   * Checks that {@code owner} is not null, not blank and at most {@value
   * IdempotencyStore#MAX_OWNER_LENGTH} characters long.
   */
  static void checkOwner(String owner) {
    checkToken(owner, "owner", IdempotencyStore.MAX_OWNER_LENGTH);
  }

  /** Checks that {@code lease} is not null and positive. */
  static void checkLease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
  }

  /**
   * Returns {@code epochMillis} plus {@code duration}, rounded up to the next millisecond and
   * capped at {@link Long#MAX_VALUE}, so that a positive duration always moves the time forward.
   */
  static long millisAfter(long epochMillis, Duration duration) {
    try {
      long millis = duration.toMillis();
      if (duration.minusMillis(millis).isZero()) {
        return Math.addExact(epochMillis, millis);
      }
      return Math.addExact(epochMillis, Math.addExact(millis, 1));
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Returns {@code value} cut to 64 characters, with control characters replaced by {@code ?}, so
   * that a key can go into a message or a log line without forging lines.
   */
  static String describe(String value) {
    boolean cut = value.length() > MAX_DESCRIBED_LENGTH;
    String head = cut ? value.substring(0, MAX_DESCRIBED_LENGTH) : value;
    StringBuilder safe = new StringBuilder(head.length() + 1);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      safe.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    if (cut) {
      safe.append('…');
    }
    return safe.toString();
  }

  private static void checkToken(String value, String name, int maxLength) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          name
              + " must be at most "
              + maxLength
              + " characters, was "
              + value.length()
              + ": "
              + describe(value));
    }
  }
}
