package com.dberi.webhooks.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * An {@link IdempotencyStore} that keeps keys in this process's memory.
 *
 * <p>Use it for development, tests and single-instance applications only: its keys are per process,
 * so they are lost on restart and not shared between instances. A delivery retried after a restart,
 * or sent to another instance behind a load balancer, is processed again. Use {@link
 * JdbcIdempotencyStore} when that matters.
 *
 * <p>The store is bounded: when it contains {@link Builder#maxEntries} keys, a new claim first drops
 * about 1% of them, starting with the oldest: expired entries and processed keys, in the order they
 * were claimed or completed. Keys still in progress are never dropped; when every entry is in
 * progress, a new claim fails with {@link IdempotencyStoreException}, so the delivery gets a 500
 * response and is retried.
 *
 * <p>Thread-safe: every operation holds one lock for a few map operations.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

  /** Default maximum number of remembered keys. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final int maxEntries;
  private final Duration retention;
  private final Clock clock;

  // Insertion order, with completed keys moved to the end: the head contains the oldest completions.
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  private InMemoryIdempotencyStore(Builder builder) {
    this.maxEntries = builder.maxEntries;
    this.retention = builder.retention;
    this.clock = builder.clock;
  }

  /** Returns a store with the default bound of {@value #DEFAULT_MAX_ENTRIES} keys and 7 days' retention. */
  public static InMemoryIdempotencyStore create() {
    return builder().build();
  }

  /** Returns a builder for a store with a custom bound, retention or clock. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ClaimResult claim(String key, String owner, Duration lease) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);
    StoreArguments.checkLease(lease);
    long now = clock.millis();
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null && entry.expiresAt >= now) {
        return entry.processed ? ClaimResult.ALREADY_PROCESSED : ClaimResult.IN_PROGRESS;
      }
      if (entry == null) {
        makeRoom(now);
      } else {
        entries.remove(key);
      }
      entries.put(key, new Entry(false, owner, StoreArguments.millisAfter(now, lease)));
      return ClaimResult.CLAIMED;
    }
  }

  @Override
  public boolean complete(String key, String owner) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);
    long now = clock.millis();
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry == null || entry.processed || !entry.owner.equals(owner)) {
        return false;
      }
      entries.remove(key);
      entries.put(key, new Entry(true, owner, StoreArguments.millisAfter(now, retention)));
      return true;
    }
  }

  @Override
  public void release(String key, String owner) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null && !entry.processed && entry.owner.equals(owner)) {
        entries.remove(key);
      }
    }
  }

  /**
   * Drops every entry whose lease or retention has passed.
   *
   * @return the number of entries dropped
   */
  public int purgeExpired() {
    long now = clock.millis();
    synchronized (entries) {
      int before = entries.size();
      entries.values().removeIf(entry -> entry.expiresAt < now);
      return before - entries.size();
    }
  }

  /** Returns the number of keys held, in progress or processed. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /**
   * Frees about 1% of the bound when the store is full, walking from the head of the map, where the
   * oldest claims and completions are. Expired entries and processed keys are dropped, claims still
   * in progress are kept. Freeing a batch rather than one entry means that the next claims find
   * room at once instead of walking the map again.
   */
  private void makeRoom(long now) {
    if (entries.size() < maxEntries) {
      return;
    }
    int target = maxEntries - Math.max(1, maxEntries / 100);
    Iterator<Entry> oldest = entries.values().iterator();
    while (entries.size() > target && oldest.hasNext()) {
      Entry entry = oldest.next();
      if (entry.processed || entry.expiresAt < now) {
        oldest.remove();
      }
    }
    if (entries.size() >= maxEntries) {
      throw new IdempotencyStoreException(
          "In-memory idempotency store is full: all "
              + maxEntries
              + " entries are events still in progress. Raise maxEntries or use a"
              + " JdbcIdempotencyStore.");
    }
  }

  @Override
  public String toString() {
    return "InMemoryIdempotencyStore{maxEntries=" + maxEntries + ", retention=" + retention + "}";
  }

  private record Entry(boolean processed, String owner, long expiresAt) {}

  /** Builds an {@link InMemoryIdempotencyStore}. Not thread-safe. */
  public static final class Builder {

    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Duration retention = DEFAULT_RETENTION;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the maximum number of keys held; the default is {@value #DEFAULT_MAX_ENTRIES}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is less than 1
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Sets how long a processed key is remembered; the default is 7 days. Keep it longer than the
     * sender's retry span, or a late retry is processed again.
     *
     * @throws IllegalArgumentException if {@code retention} is zero or negative
     */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isZero() || retention.isNegative()) {
        throw new IllegalArgumentException("retention must be positive, was " + retention);
      }
      this.retention = retention;
      return this;
    }

    /** Sets the clock that leases and retention are measured with; tests pass a movable clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the store. */
    public InMemoryIdempotencyStore build() {
      return new InMemoryIdempotencyStore(this);
    }
  }
}
