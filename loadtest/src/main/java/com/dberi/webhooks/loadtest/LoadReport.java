package com.dberi.webhooks.loadtest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The measured rounds of a run, with medians over rounds per target and the webhook/no-op ratio.
 *
 * @param options the run's settings
 * @param rounds every measured turn, in the order they ran
 */
record LoadReport(LoadOptions options, List<RoundResult> rounds) {

  LoadReport {
    rounds = List.copyOf(rounds);
  }

  /** Returns the turns of {@code target}, in the order they ran. */
  List<RoundResult> of(String target) {
    return rounds.stream().filter(result -> result.target().equals(target)).toList();
  }

  /** Returns the total number of completed requests to {@code target}. */
  long requests(String target) {
    return of(target).stream().mapToLong(RoundResult::requests).sum();
  }

  /** Returns the total number of errors of {@code target}. */
  long errors(String target) {
    return of(target).stream().mapToLong(RoundResult::errors).sum();
  }

  /** Returns the median over rounds of {@code metric} for {@code target}, or 0 without rounds. */
  double median(String target, ToDoubleFunction<RoundResult> metric) {
    double[] values = of(target).stream().mapToDouble(metric).sorted().toArray();
    return medianOf(values);
  }

  /** Returns the median requests per second of the webhook endpoint over that of the no-op one. */
  double medianRatio() {
    double noop = median(LoadGenerator.NOOP, RoundResult::requestsPerSecond);
    return noop == 0 ? 0 : median(LoadGenerator.WEBHOOK, RoundResult::requestsPerSecond) / noop;
  }

  /**
   * Returns the median over rounds of each round's webhook/no-op ratio of requests per second, which
   * a slow drift of the machine's load between rounds affects less than the ratio of medians.
   */
  double medianRoundRatio() {
    List<RoundResult> noop = of(LoadGenerator.NOOP);
    List<RoundResult> webhook = of(LoadGenerator.WEBHOOK);
    int count = Math.min(noop.size(), webhook.size());
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      double base = noop.get(i).requestsPerSecond();
      ratios[i] = base == 0 ? 0 : webhook.get(i).requestsPerSecond() / base;
    }
    Arrays.sort(ratios);
    return medianOf(ratios);
  }

  /** Formats the summary as a Markdown table followed by the two ratios. */
  String summary() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Medians over %d rounds of %d s per target, %d workers%n%n",
            options.rounds(),
            options.roundDuration().toSeconds(),
            options.concurrency()));
    text.append("| Target | Requests (all rounds) | Req/s | p50 ms | p90 ms | p99 ms | Errors |\n");
    text.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String target : List.of(LoadGenerator.NOOP, LoadGenerator.WEBHOOK)) {
      text.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |%n",
              target,
              requests(target),
              median(target, RoundResult::requestsPerSecond),
              median(target, result -> result.latencyMillis(50)),
              median(target, result -> result.latencyMillis(90)),
              median(target, result -> result.latencyMillis(99)),
              errors(target)));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%nwebhook/noop req/s: %.3f (ratio of medians), %.3f (median of per-round ratios)%n",
            medianRatio(),
            medianRoundRatio()));
    return text.toString();
  }

  private static double medianOf(double[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
