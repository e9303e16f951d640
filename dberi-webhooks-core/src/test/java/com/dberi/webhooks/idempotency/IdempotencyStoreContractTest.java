package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour that every {@link IdempotencyStore} must show. A subclass creates the store under
 * test with the default retention and the given clock, and runs every case here against it.
 */
public abstract class IdempotencyStoreContractTest {

  /** Start of the test clock, a fixed time so that failures are reproducible. */
  protected static final Instant START = Instant.parse("2030-01-15T10:00:00Z");

  /** Lease of the claims in these tests. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  private static final Duration ONE_MILLI = Duration.ofMillis(1);
  private static final int THREADS = 16;
  private static final int CONCURRENT_ROUNDS = 5;

  /** Time limit for a worker thread, so that a deadlock fails the test instead of hanging. */
  private static final long WORKER_TIMEOUT_SECONDS = 60;

  /** The clock of the store under test; tests move it forward. */
  protected final MutableClock clock = MutableClock.startingAt(START);

  private IdempotencyStore store;
  private ExecutorService executor;

  /**
   * Creates the store under test. It must keep processed keys for {@link
   * IdempotencyStore#DEFAULT_RETENTION}, take time from {@code clock}, and start empty.
   */
  protected abstract IdempotencyStore createStore(Clock clock);

  /** Deletes the expired keys of {@code store} and returns how many it deleted. */
  protected abstract int purgeExpired(IdempotencyStore store);

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock);
  }

  @AfterEach
  void stopExecutor() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Returns the store created for the current test. */
  protected IdempotencyStore store() {
    return store;
  }

  @Test
  void claimNewKeyClaimed() {
    assertThat(store.claim("evt_1", "owner-a", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void claimHeldKeyInProgress() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void claimHeldKeyBySameOwnerInProgress() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.claim("evt_1", "owner-a", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void claimBeforeLeaseEndInProgress() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.minus(ONE_MILLI));

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void claimOtherKeyClaimed() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.claim("evt_2", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void completeReturnsTrue() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.complete("evt_1", "owner-a")).isTrue();
  }

  @Test
  void claimAfterCompleteAlreadyProcessed() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void completeByOtherOwnerRejected() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.complete("evt_1", "owner-b")).isFalse();
    assertThat(store.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void completeUnknownKeyReturnsFalse() {
    assertThat(store.complete("evt_unknown", "owner-a")).isFalse();
    assertThat(store.claim("evt_unknown", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void claimAfterReleaseClaimed() {
    store.claim("evt_1", "owner-a", LEASE);
    store.release("evt_1", "owner-a");

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void releaseByOtherOwnerIgnored() {
    store.claim("evt_1", "owner-a", LEASE);
    store.release("evt_1", "owner-b");

    assertThat(store.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void releaseAfterCompleteIgnored() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");
    store.release("evt_1", "owner-a");

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void releaseUnknownKeyIgnored() {
    store.release("evt_unknown", "owner-a");

    assertThat(store.claim("evt_unknown", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void expiredLeaseTakenOver() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void expiredOwnerCompleteRejected() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));
    store.claim("evt_1", "owner-b", LEASE);

    assertThat(store.complete("evt_1", "owner-a")).isFalse();
    assertThat(store.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void expiredOwnerReleaseIgnored() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));
    store.claim("evt_1", "owner-b", LEASE);
    store.release("evt_1", "owner-a");

    assertThat(store.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
    assertThat(store.complete("evt_1", "owner-b")).isTrue();
  }

  @Test
  void takenOverLeaseHeldForNewLease() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));
    store.claim("evt_1", "owner-b", LEASE);
    clock.advance(LEASE.minus(ONE_MILLI));

    assertThat(store.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void completedKeyWithinRetentionDuplicate() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");
    clock.advance(IdempotencyStore.DEFAULT_RETENTION.minus(ONE_MILLI));

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void completedKeyPastRetentionPurged() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");
    clock.advance(IdempotencyStore.DEFAULT_RETENTION.plus(ONE_MILLI));

    assertThat(purgeExpired(store)).isEqualTo(1);
    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void completedKeyPastRetentionClaimable() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");
    clock.advance(IdempotencyStore.DEFAULT_RETENTION.plus(ONE_MILLI));

    assertThat(store.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void purgeKeepsUnexpiredKeys() {
    store.claim("evt_done", "owner-a", LEASE);
    store.complete("evt_done", "owner-a");
    clock.advance(LEASE.plus(ONE_MILLI));
    store.claim("evt_held", "owner-b", LEASE);

    assertThat(purgeExpired(store)).isZero();
    assertThat(store.claim("evt_done", "owner-c", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    assertThat(store.claim("evt_held", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void purgeDeletesExpiredLease() {
    store.claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));

    assertThat(purgeExpired(store)).isEqualTo(1);
    assertThat(store.complete("evt_1", "owner-a")).isFalse();
  }

  @Test
  void keysCaseSensitive() {
    store.claim("evt_ABC", "owner-a", LEASE);
    store.complete("evt_ABC", "owner-a");

    assertThat(store.claim("evt_abc", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void keysWithTrailingSpaceDistinct() {
    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");

    assertThat(store.claim("evt_1 ", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void ownersCaseSensitive() {
    store.claim("evt_1", "owner-a", LEASE);

    assertThat(store.complete("evt_1", "OWNER-A")).isFalse();
  }

  @Test
  void maxLengthKeyAccepted() {
    String key = "é".repeat(IdempotencyStore.MAX_KEY_LENGTH - 2) + "😀";
    String owner = "ö".repeat(IdempotencyStore.MAX_OWNER_LENGTH);

    assertThat(store.claim(key, owner, LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.complete(key, owner)).isTrue();
    assertThat(store.claim(key, "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void concurrentClaimsOneWins() throws Exception {
    for (int round = 0; round < CONCURRENT_ROUNDS; round++) {
      String key = "evt_concurrent_" + round;

      List<ClaimResult> results = claimConcurrently(key);

      assertThat(results).filteredOn(ClaimResult.CLAIMED::equals).hasSize(1);
      assertThat(results).filteredOn(ClaimResult.IN_PROGRESS::equals).hasSize(THREADS - 1);
    }
  }

  @Test
  void concurrentTakeoverOneWins() throws Exception {
    for (int round = 0; round < CONCURRENT_ROUNDS; round++) {
      String key = "evt_takeover_" + round;
      store.claim(key, "owner-crashed", LEASE);
      clock.advance(LEASE.plus(ONE_MILLI));

      List<ClaimResult> results = claimConcurrently(key);

      assertThat(results).filteredOn(ClaimResult.CLAIMED::equals).hasSize(1);
      assertThat(results).filteredOn(ClaimResult.IN_PROGRESS::equals).hasSize(THREADS - 1);
    }
  }

  @Test
  void concurrentClaimsOnCompletedKeyDuplicate() throws Exception {
    store.claim("evt_done", "owner-a", LEASE);
    store.complete("evt_done", "owner-a");

    List<ClaimResult> results = claimConcurrently("evt_done");

    assertThat(results).containsOnly(ClaimResult.ALREADY_PROCESSED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCalls")
  void invalidArgumentRejected(
      Consumer<IdempotencyStore> call, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> call.accept(store)).isInstanceOf(type).hasMessageContaining(message);
  }

  static Stream<Arguments> invalidCalls() {
    String longKey = "k".repeat(IdempotencyStore.MAX_KEY_LENGTH + 1);
    String longOwner = "o".repeat(IdempotencyStore.MAX_OWNER_LENGTH + 1);
    Class<NullPointerException> npe = NullPointerException.class;
    Class<IllegalArgumentException> iae = IllegalArgumentException.class;
    return Stream.of(
        rejected("claim null key", s -> s.claim(null, "o", LEASE), npe, "key"),
        rejected("claim blank key", s -> s.claim(" \t", "o", LEASE), iae, "key must not be blank"),
        rejected("claim empty key", s -> s.claim("", "o", LEASE), iae, "key must not be blank"),
        rejected("claim long key", s -> s.claim(longKey, "o", LEASE), iae, "at most 255"),
        rejected("claim null owner", s -> s.claim("k", null, LEASE), npe, "owner"),
        rejected("claim blank owner", s -> s.claim("k", " ", LEASE), iae, "owner must not be"),
        rejected("claim long owner", s -> s.claim("k", longOwner, LEASE), iae, "at most 64"),
        rejected("claim null lease", s -> s.claim("k", "o", null), npe, "lease"),
        rejected("claim zero lease", s -> s.claim("k", "o", Duration.ZERO), iae, "positive"),
        rejected(
            "claim negative lease",
            s -> s.claim("k", "o", Duration.ofSeconds(-1)),
            iae,
            "lease must be positive"),
        rejected("complete null key", s -> s.complete(null, "o"), npe, "key"),
        rejected("complete blank key", s -> s.complete(" ", "o"), iae, "key must not be blank"),
        rejected("complete long key", s -> s.complete(longKey, "o"), iae, "at most 255"),
        rejected("complete null owner", s -> s.complete("k", null), npe, "owner"),
        rejected("complete blank owner", s -> s.complete("k", ""), iae, "owner must not be"),
        rejected("complete long owner", s -> s.complete("k", longOwner), iae, "at most 64"),
        rejected("release null key", s -> s.release(null, "o"), npe, "key"),
        rejected("release blank key", s -> s.release("\n", "o"), iae, "key must not be blank"),
        rejected("release long key", s -> s.release(longKey, "o"), iae, "at most 255"),
        rejected("release null owner", s -> s.release("k", null), npe, "owner"),
        rejected("release blank owner", s -> s.release("k", " "), iae, "owner must not be"),
        rejected("release long owner", s -> s.release("k", longOwner), iae, "at most 64"));
  }

  private static Arguments rejected(
      String name,
      Consumer<IdempotencyStore> call,
      Class<? extends Exception> type,
      String message) {
    return Arguments.of(Named.of(name, call), type, message);
  }

  /** Claims {@code key} from 16 threads that start together, each with its own owner. */
  private List<ClaimResult> claimConcurrently(String key) throws Exception {
    if (executor == null) {
      executor = Executors.newFixedThreadPool(THREADS);
    }
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ClaimResult>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      String owner = "owner-" + i;
      Callable<ClaimResult> claim =
          () -> {
            ready.countDown();
            start.await();
            return store.claim(key, owner, LEASE);
          };
      futures.add(executor.submit(claim));
    }

    ready.await(WORKER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    start.countDown();
    List<ClaimResult> results = new ArrayList<>();
    for (Future<ClaimResult> future : futures) {
      results.add(future.get(WORKER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    return results;
  }
}
