package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's own rules beyond the shared contract: eviction order, room made by expiry
 * and release, deadline rounding and overflow, and its defaults.
 */
class InMemoryIdempotencyStoreBoundsTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final SteppingClock clock = new SteppingClock();

  private InMemoryIdempotencyStore store(int maxEntries) {
    return InMemoryIdempotencyStore.builder().clock(clock).maxEntries(maxEntries).build();
  }

  @Test
  void fullStoreEvictsOldestCompletion() {
    InMemoryIdempotencyStore store = store(2);
    store.claim("a", "o1", LEASE);
    store.claim("b", "o2", LEASE);
    store.complete("b", "o2");
    store.complete("a", "o1");

    assertThat(store.claim("c", "o3", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.claim("a", "o4", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void evictedKeyClaimableAgain() {
    InMemoryIdempotencyStore store = store(1);
    store.claim("a", "o1", LEASE);
    store.complete("a", "o1");
    store.claim("b", "o2", LEASE);
    store.complete("b", "o2");

    assertThat(store.claim("a", "o3", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void expiredEntriesDroppedBeforeProcessed() {
    InMemoryIdempotencyStore store = store(2);
    store.claim("stale", "o1", Duration.ofSeconds(1));
    store.claim("done", "o2", LEASE);
    store.complete("done", "o2");
    clock.advance(Duration.ofSeconds(2));

    assertThat(store.claim("new", "o3", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.claim("done", "o4", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void fullStoreStillAnswersKnownKeys() {
    InMemoryIdempotencyStore store = store(1);
    store.claim("a", "o1", LEASE);

    assertThat(store.claim("a", "o2", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void releasedKeyFreesRoom() {
    InMemoryIdempotencyStore store = store(1);
    store.claim("a", "o1", LEASE);
    store.release("a", "o1");

    assertThat(store.claim("b", "o2", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void purgeCountsDroppedEntries() {
    InMemoryIdempotencyStore store =
        InMemoryIdempotencyStore.builder().clock(clock).retention(Duration.ofMinutes(10)).build();
    store.claim("lease", "o1", Duration.ofSeconds(5));
    store.claim("done", "o2", LEASE);
    store.complete("done", "o2");
    store.claim("held", "o3", Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(10).plusMillis(1));

    assertThat(store.purgeExpired()).isEqualTo(2);
    assertThat(store.size()).isEqualTo(1);
  }

  /** A lease below one millisecond still holds for a millisecond, because expiry is rounded up. */
  @Test
  void subMillisecondLeaseHolds() {
    InMemoryIdempotencyStore store = store(10);
    store.claim("a", "o1", Duration.ofNanos(1));

    assertThat(store.claim("a", "o2", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
    clock.advance(Duration.ofMillis(2));
    assertThat(store.claim("a", "o2", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void hugeLeaseAccepted() {
    InMemoryIdempotencyStore store = store(10);
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);

    assertThat(store.claim("a", "o1", forever)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.claim("a", "o2", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void hugeRetentionAccepted() {
    InMemoryIdempotencyStore store =
        InMemoryIdempotencyStore.builder()
            .clock(clock)
            .retention(Duration.ofSeconds(Long.MAX_VALUE))
            .build();
    store.claim("a", "o1", LEASE);

    assertThat(store.complete("a", "o1")).isTrue();
    assertThat(store.claim("a", "o2", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void defaultsInToString() {
    assertThat(InMemoryIdempotencyStore.create().toString())
        .isEqualTo("InMemoryIdempotencyStore{maxEntries=100000, retention=PT168H}");
  }

  @Test
  void nullClockRejected() {
    assertThatThrownBy(() -> InMemoryIdempotencyStore.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  /** A UTC clock that tests move forward by hand. */
  private static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2026-03-19T10:05:31Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
