package com.dberi.webhooks.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it, with millisecond precision. Thread-safe, and
 * clocks made by {@link #withZone} share the time of the clock they came from.
 */
public final class MutableClock extends Clock {

  private final AtomicLong epochMillis;
  private final ZoneId zone;

  private MutableClock(AtomicLong epochMillis, ZoneId zone) {
    this.epochMillis = epochMillis;
    this.zone = zone;
  }

  /** Returns a UTC clock that shows {@code start}, truncated to milliseconds. */
  public static MutableClock startingAt(Instant start) {
    return new MutableClock(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
  }

  /** Moves the clock forward by {@code duration}, or back if it is negative. */
  public void advance(Duration duration) {
    epochMillis.addAndGet(duration.toMillis());
  }

  /** Sets the clock to {@code instant}, truncated to milliseconds. */
  public void set(Instant instant) {
    epochMillis.set(instant.toEpochMilli());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(epochMillis, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public long millis() {
    return epochMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(epochMillis.get());
  }
}
