package com.dberi.webhooks.loadtest;

import java.util.Arrays;
import java.util.Map;

/**
 * Measurements of one target in one round.
 *
 * @param target "noop" or "webhook"
 * @param round the round number, from 1
 * @param requests requests completed, successful or not
 * @param errors requests that failed or got a status outside 200-299
 * @param elapsedNanos time from the first request's start to the last worker's end
 * @param latencyNanos each completed request's latency, sorted ascending
 * @param failures the number of errors per kind, such as "HTTP 401" or an exception's class and message
 */
record RoundResult(
    String target,
    int round,
    int requests,
    long errors,
    long elapsedNanos,
    long[] latencyNanos,
    Map<String, Long> failures) {

  RoundResult {
    latencyNanos = latencyNanos.clone();
    Arrays.sort(latencyNanos);
    failures = Map.copyOf(failures);
  }

  /** Returns the completed requests per second over the round's elapsed time. */
  double requestsPerSecond() {
    return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
  }

  /**
   * Returns the latency at {@code percentile} (0 to 100) in milliseconds, by the nearest-rank method,
   * or 0 when no request completed.
   */
  double latencyMillis(double percentile) {
    if (latencyNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percentile / 100 * latencyNanos.length);
    int index = Math.min(Math.max(rank, 1), latencyNanos.length) - 1;
    return latencyNanos[index] / 1e6;
  }
}
