package com.dberi.webhooks.benchmarks;

import com.dberi.webhooks.idempotency.ClaimResult;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures one claim followed by one complete on the in-memory store, the two store calls that
 * every new event costs, with a new key per operation.
 *
 * <p>{@code maxEntries} selects the store's bound. The default bound of 100,000 keys is measured
 * full: setup fills the store with processed keys, so every measured claim is a claim on a full
 * store that must make room, the steady state of an endpoint that has seen 100,000 events within
 * the retention period. The bound of 100,000,000 is never reached: each iteration starts with an
 * empty store, and shows the cost of a claim without eviction.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class InMemoryIdempotencyBenchmark {

  private static final Duration LEASE = Duration.ofMinutes(2);

  @Param({"100000", "100000000"})
  public int maxEntries;

  private InMemoryIdempotencyStore store;
  private final AtomicInteger threads = new AtomicInteger();

  @Setup(Level.Trial)
  public void createFullStore() {
    if (maxEntries != InMemoryIdempotencyStore.DEFAULT_MAX_ENTRIES) {
      return;
    }
    store = InMemoryIdempotencyStore.builder().maxEntries(maxEntries).build();
    for (int i = 0; i < maxEntries; i++) {
      String key = "dberi:evt_prefill_" + i;
      store.claim(key, "bench-prefill", LEASE);
      store.complete(key, "bench-prefill");
    }
  }

  @Setup(Level.Iteration)
  public void createEmptyStore() {
    if (maxEntries != InMemoryIdempotencyStore.DEFAULT_MAX_ENTRIES) {
      store = InMemoryIdempotencyStore.builder().maxEntries(maxEntries).build();
    }
  }

  /** A key sequence per thread, so that concurrent threads never claim the same key. */
  @State(Scope.Thread)
  public static class Keys {
    String prefix;
    String owner;
    long next;

    @Setup(Level.Trial)
    public void assignPrefix(InMemoryIdempotencyBenchmark benchmark) {
      int thread = benchmark.threads.incrementAndGet();
      prefix = "dberi:evt_t" + thread + "_";
      owner = "bench-owner-" + thread;
    }
  }

  @Benchmark
  public boolean claimAndComplete(Keys keys) {
    String key = keys.prefix + keys.next++;
    ClaimResult claim = store.claim(key, keys.owner, LEASE);
    if (claim != ClaimResult.CLAIMED) {
      throw new IllegalStateException(
          "Claim of new key " + key + " returned " + claim + " instead of CLAIMED; the store kept a key it should not have");
    }
    return store.complete(key, keys.owner);
  }
}
