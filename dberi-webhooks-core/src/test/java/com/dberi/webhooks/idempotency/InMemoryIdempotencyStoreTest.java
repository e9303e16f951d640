package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the store contract and the bound checks against the in-memory store. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContractTest {

  @Override
  protected IdempotencyStore createStore(Clock clock) {
    return InMemoryIdempotencyStore.builder().clock(clock).build();
  }

  @Override
  protected int purgeExpired(IdempotencyStore store) {
    return ((InMemoryIdempotencyStore) store).purgeExpired();
  }

  @Test
  void fullStoreEvictsOldestProcessedFirst() {
    InMemoryIdempotencyStore bounded =
        InMemoryIdempotencyStore.builder().clock(clock).maxEntries(3).build();
    claimAndComplete(bounded, "first");
    claimAndComplete(bounded, "second");
    assertThat(bounded.claim("in-progress", "owner-3", LEASE)).isEqualTo(ClaimResult.CLAIMED);

    assertThat(bounded.claim("fourth", "owner-4", LEASE)).isEqualTo(ClaimResult.CLAIMED);

    assertThat(bounded.size()).isEqualTo(3);
    assertThat(bounded.claim("first", "owner-5", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(bounded.claim("in-progress", "owner-6", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void fullStoreFreesOnePercentAtOnce() {
    InMemoryIdempotencyStore bounded =
        InMemoryIdempotencyStore.builder().clock(clock).maxEntries(200).build();
    for (int i = 0; i < 200; i++) {
      claimAndComplete(bounded, "key-" + i);
    }

    assertThat(bounded.claim("overflow", "owner-overflow", LEASE)).isEqualTo(ClaimResult.CLAIMED);

    assertThat(bounded.size()).isEqualTo(199);
    assertThat(bounded.claim("key-2", "owner-again", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    assertThat(bounded.claim("key-1", "owner-again", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(bounded.claim("key-0", "owner-again", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void fullStoreOfClaimsRejectsNewClaim() {
    InMemoryIdempotencyStore bounded =
        InMemoryIdempotencyStore.builder().clock(clock).maxEntries(2).build();
    bounded.claim("a", "owner-a", LEASE);
    bounded.claim("b", "owner-b", LEASE);

    assertThatThrownBy(() -> bounded.claim("c", "owner-c", LEASE))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining("all 2 entries are events still in progress")
        .hasMessageContaining("Raise maxEntries");
  }

  @Test
  void fullStoreDropsExpiredClaimsFirst() {
    InMemoryIdempotencyStore bounded =
        InMemoryIdempotencyStore.builder().clock(clock).maxEntries(1).build();
    bounded.claim("crashed", "owner-a", LEASE);
    clock.advance(LEASE.plusMillis(1));

    assertThat(bounded.claim("next", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(bounded.size()).isEqualTo(1);
  }

  @Test
  void builderRejectsBadBounds() {
    assertThatThrownBy(() -> InMemoryIdempotencyStore.builder().maxEntries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be at least 1, was 0");
    assertThatThrownBy(() -> InMemoryIdempotencyStore.builder().retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be positive, was PT0S");
  }

  private static void claimAndComplete(IdempotencyStore store, String key) {
    assertThat(store.claim(key, "owner-" + key, LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.complete(key, "owner-" + key)).isTrue();
  }
}
