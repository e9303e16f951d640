package com.dberi.webhooks.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the generator for about two seconds against {@link StubShop} on loopback. */
class LoadGeneratorTest {

  private static final String SECRET = "whsec_loadtest_generator";

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private LoadReport run(StubShop shop, String secret, String maxRequests) throws Exception {
    LoadOptions options =
        LoadOptions.parse(
            new String[] {
              "--url", shop.baseUrl(),
              "--secret", secret,
              "--concurrency", "2",
              "--seconds", "1",
              "--rounds", "1",
              "--warmup-seconds", "0",
              "--max-requests", maxRequests
            },
            Map.of());
    return new LoadGenerator(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
  }

  @Test
  void runCountsRequestsWithoutErrors() throws Exception {
    try (StubShop shop = new StubShop(SECRET)) {
      LoadReport report = run(shop, SECRET, "20000");

      assertThat(report.requests(LoadGenerator.NOOP)).isPositive();
      assertThat(report.requests(LoadGenerator.WEBHOOK)).isPositive();
      assertThat(report.errors(LoadGenerator.NOOP)).isZero();
      assertThat(report.errors(LoadGenerator.WEBHOOK)).isZero();
      assertThat(shop.pings()).isEqualTo(report.requests(LoadGenerator.WEBHOOK));
      assertThat(report.of(LoadGenerator.WEBHOOK).get(0).latencyNanos())
          .hasSize((int) report.requests(LoadGenerator.WEBHOOK));
    }
  }

  @Test
  void maxRequestsEndsTurn() throws Exception {
    try (StubShop shop = new StubShop(SECRET)) {
      LoadReport report = run(shop, SECRET, "25");

      assertThat(report.requests(LoadGenerator.NOOP)).isEqualTo(25);
      assertThat(report.requests(LoadGenerator.WEBHOOK)).isEqualTo(25);
      assertThat(shop.pings()).isEqualTo(25);
    }
  }

  @Test
  void wrongSecretCountsErrors() throws Exception {
    try (StubShop shop = new StubShop(SECRET)) {
      LoadReport report = run(shop, "whsec_some_other_secret", "25");

      assertThat(report.errors(LoadGenerator.WEBHOOK)).isEqualTo(25);
      assertThat(report.errors(LoadGenerator.NOOP)).isZero();
      assertThat(report.of(LoadGenerator.WEBHOOK).get(0).failures())
          .isEqualTo(Map.of("HTTP 401", 25L));
      assertThat(shop.pings()).isZero();
    }
  }

  @Test
  void outputOmitsSecret() throws Exception {
    try (StubShop shop = new StubShop(SECRET)) {
      LoadReport report = run(shop, SECRET, "25");
      String output = printed.toString(StandardCharsets.UTF_8) + report.summary();

      assertThat(output).contains("round 1 noop");
      assertThat(output).contains("| webhook | 25 |");
      assertThat(output).doesNotContain(SECRET);
    }
  }
}
