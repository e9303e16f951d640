package com.dberi.webhooks.loadtest;

import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.testing.WebhookSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends pre-signed deliveries to the no-op and the webhook endpoint in alternating rounds and
 * measures each round.
 *
 * <p>Each round loads one target, then the other, with {@link LoadOptions#concurrency()} workers
 * that each send one request and wait for its response before sending the next. A target's turn
 * ends after {@link LoadOptions#roundDuration()} or {@link LoadOptions#maxRequests()} requests,
 * whichever comes first. Odd rounds start with the no-op endpoint and even rounds with the webhook
 * endpoint, so that neither target always runs on a machine that the other just warmed or heated.
 * Both targets receive the same kind of signed body with the same headers; only the path differs.
 *
 * <p>The deliveries of a turn are signed before its timer starts, so signing is not measured. A
 * request that does not complete within {@link #REQUEST_TIMEOUT} counts as an error, so every turn
 * ends at most that long after its duration.
 */
final class LoadGenerator {

  /** Time after which one request counts as failed. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  static final String NOOP = "noop";
  static final String WEBHOOK = "webhook";

  private final LoadOptions options;
  private final PrintStream out;
  private final WebhookSigner signer;
  private final HttpClient client;
  private final String runId;
  private long signingNanos;

  LoadGenerator(LoadOptions options, PrintStream out) {
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    this.signer = WebhookSigner.withSecret(options.secret());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.runId = Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /** Runs the warm-up and the measured rounds and returns the measured rounds. */
  LoadReport run() throws InterruptedException {
    out.println("Settings: " + options);
    if (!options.warmup().isZero()) {
      for (String target : List.of(NOOP, WEBHOOK)) {
        RoundResult warmup = runTurn(target, 0, options.warmup());
        out.printf(
            Locale.ROOT,
            "warm-up %-7s %8d requests %9.1f req/s %6d errors%s%n",
            target,
            warmup.requests(),
            warmup.requestsPerSecond(),
            warmup.errors(),
            describeFailures(warmup));
      }
    }

    List<RoundResult> results = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      List<String> order = round % 2 == 1 ? List.of(NOOP, WEBHOOK) : List.of(WEBHOOK, NOOP);
      for (String target : order) {
        RoundResult result = runTurn(target, round, options.roundDuration());
        out.printf(
            Locale.ROOT,
            "round %d %-7s %8d requests %9.1f req/s  p50 %7.3f ms  p99 %7.3f ms %6d errors%s%n",
            round,
            target,
            result.requests(),
            result.requestsPerSecond(),
            result.latencyMillis(50),
            result.latencyMillis(99),
            result.errors(),
            describeFailures(result));
        results.add(result);
      }
    }
    out.printf(
        Locale.ROOT,
        "Signing the deliveries before each turn took %.1f s in total (not measured)%n",
        signingNanos / 1e9);
    return new LoadReport(options, results);
  }

  /** Loads one target for {@code duration} or until the request limit, whichever comes first. */
  private RoundResult runTurn(String target, int round, Duration duration) throws InterruptedException {
    URI uri = NOOP.equals(target) ? options.noopUri() : options.webhookUri();
    int limit = options.maxRequests();
    long signingStarted = System.nanoTime();
    Delivery[] deliveries =
        Delivery.generate(signer, "evt_lt_" + runId + "_r" + round + "_" + target, limit, Instant.now());
    signingNanos += System.nanoTime() - signingStarted;
    long[] latencies = new long[limit];
    AtomicInteger next = new AtomicInteger();
    LongAdder errors = new LongAdder();
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < options.concurrency(); w++) {
      Thread worker =
          new Thread(
              () -> sendUntil(uri, deliveries, latencies, next, deadline, errors, failures),
              "loadtest-" + target + "-" + w);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    long joinBy = deadline + REQUEST_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos();
    for (Thread worker : workers) {
      long waitMillis = Math.max(1, (joinBy - System.nanoTime()) / 1_000_000);
      worker.join(waitMillis);
      if (worker.isAlive()) {
        worker.interrupt();
        failures.computeIfAbsent("worker did not stop in time", k -> new LongAdder()).increment();
      }
    }
    long elapsed = System.nanoTime() - started;

    int claimed = Math.min(next.get(), limit);
    long[] completed = new long[claimed];
    int count = 0;
    for (int i = 0; i < claimed; i++) {
      if (latencies[i] > 0) {
        completed[count++] = latencies[i];
      }
    }
    Map<String, Long> failureCounts = new TreeMap<>();
    failures.forEach((kind, adder) -> failureCounts.put(kind, adder.sum()));
    return new RoundResult(
        target,
        round,
        count,
        errors.sum(),
        elapsed,
        Arrays.copyOf(completed, count),
        failureCounts);
  }

  /**
   * Sends deliveries in index order until the deadline passes or none is left; records each
   * request's latency at its delivery's index.
   */
  private void sendUntil(
      URI uri,
      Delivery[] deliveries,
      long[] latencies,
      AtomicInteger next,
      long deadline,
      LongAdder errors,
      Map<String, LongAdder> failures) {
    while (System.nanoTime() < deadline) {
      int index = next.getAndIncrement();
      if (index >= deliveries.length) {
        return;
      }
      Delivery delivery = deliveries[index];
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .header(WebhookVerifier.SIGNATURE_HEADER, delivery.signature())
              .header(WebhookVerifier.TIMESTAMP_HEADER, delivery.timestamp())
              .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
              .build();

      long sent = System.nanoTime();
      String failure = null;
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() < 200 || response.statusCode() > 299) {
          failure = "HTTP " + response.statusCode();
        }
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      latencies[index] = Math.max(1, System.nanoTime() - sent);
      if (failure != null) {
        errors.increment();
        failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
      }
    }
  }

  private static String describeFailures(RoundResult result) {
    return result.failures().isEmpty() ? "" : "  " + result.failures();
  }
}
