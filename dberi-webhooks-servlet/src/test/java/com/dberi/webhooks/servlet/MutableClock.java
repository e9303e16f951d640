package com.dberi.webhooks.servlet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that a test sets to a given instant before each request. */
final class MutableClock extends Clock {

  private final AtomicLong millis;

  MutableClock(long millis) {
    this.millis = new AtomicLong(millis);
  }

  void set(long epochMillis) {
    millis.set(epochMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is UTC only");
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
