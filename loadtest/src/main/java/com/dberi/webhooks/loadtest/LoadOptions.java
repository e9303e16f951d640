package com.dberi.webhooks.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one load-test run, parsed from the command line.
 *
 * @param baseUrl the application's base URL; its host must be a loopback address
 * @param secret the webhook signing secret that the application verifies with
 * @param concurrency the number of workers, each with one request in flight
 * @param roundDuration how long one target is loaded in one round
 * @param maxRequests the maximum number of requests to one target in one round
 * @param rounds the number of measured rounds; each round loads both targets
 * @param warmup how long each target is loaded before the measured rounds
 * @param webhookPath the path of the webhook endpoint
 * @param noopPath the path of the no-op endpoint
 */
record LoadOptions(
    URI baseUrl,
    String secret,
    int concurrency,
    Duration roundDuration,
    int maxRequests,
    int rounds,
    Duration warmup,
    String webhookPath,
    String noopPath) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar dberi-webhooks-loadtest.jar [options]",
          "",
          "Loads a running example shop on loopback with signed deliveries to its webhook endpoint",
          "and with the same requests to its no-op endpoint, alternating the two, and prints",
          "requests per second and latency percentiles for each.",
          "",
          "  --url URL             base URL of the shop, loopback only (default http://127.0.0.1:8080)",
          "  --secret SECRET       signing secret (default: the DBERI_WEBHOOK_SECRET variable)",
          "  --concurrency N       workers, each with one request in flight (default 8)",
          "  --seconds N           seconds per target per round (default 10)",
          "  --max-requests N      maximum requests per target per round (default 100000)",
          "  --rounds N            measured rounds, each loading both targets (default 4)",
          "  --warmup-seconds N    seconds per target before the measured rounds, 0 for none (default 10)",
          "  --webhook-path PATH   webhook endpoint (default /webhooks/dberi)",
          "  --noop-path PATH      no-op endpoint (default /loadtest/noop)",
          "  --help                print this text");

  /** Upper bound of --seconds and --warmup-seconds: a turn's timer runs for at most 10 minutes. */
  static final int MAX_SECONDS = 600;

  /** Upper bound of --max-requests: every request's delivery and latency is held in memory. */
  static final int MAX_REQUESTS_LIMIT = 2_000_000;

  /**
   * Parses {@code args}; {@code environment} provides {@code DBERI_WEBHOOK_SECRET} when {@code
   * --secret} is absent.
   *
   * @throws IllegalArgumentException if an option is unknown, lacks its value, is out of range, or
   *     the URL's host is not a loopback address
   */
  static LoadOptions parse(String[] args, Map<String, String> environment) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(environment, "environment");
    String url = "http://127.0.0.1:8080";
    String secret = environment.get("DBERI_WEBHOOK_SECRET");
    int concurrency = 8;
    int seconds = 10;
    int maxRequests = 100_000;
    int rounds = 4;
    int warmupSeconds = 10;
    String webhookPath = "/webhooks/dberi";
    String noopPath = "/loadtest/noop";

    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Option " + option + " is unknown or has no value; run with --help for the options");
      }
      String value = args[++i];
      switch (option) {
        case "--url" -> url = value;
        case "--secret" -> secret = value;
        case "--concurrency" -> concurrency = intOption(option, value, 1, 1024);
        case "--seconds" -> seconds = intOption(option, value, 1, MAX_SECONDS);
        case "--max-requests" -> maxRequests = intOption(option, value, 1, MAX_REQUESTS_LIMIT);
        case "--rounds" -> rounds = intOption(option, value, 1, 100);
        case "--warmup-seconds" -> warmupSeconds = intOption(option, value, 0, MAX_SECONDS);
        case "--webhook-path" -> webhookPath = pathOption(option, value);
        case "--noop-path" -> noopPath = pathOption(option, value);
        default -> throw new IllegalArgumentException(
            "Unknown option " + option + "; run with --help for the options");
      }
    }

    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(
          "No signing secret: pass --secret or set DBERI_WEBHOOK_SECRET to the shop's secret");
    }
    return new LoadOptions(
        loopbackUrl(url),
        secret,
        concurrency,
        Duration.ofSeconds(seconds),
        maxRequests,
        rounds,
        Duration.ofSeconds(warmupSeconds),
        webhookPath,
        noopPath);
  }

  /** Returns the webhook endpoint's URI. */
  URI webhookUri() {
    return baseUrl.resolve(webhookPath);
  }

  /** Returns the no-op endpoint's URI. */
  URI noopUri() {
    return baseUrl.resolve(noopPath);
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "url="
        + baseUrl
        + " concurrency="
        + concurrency
        + " seconds="
        + roundDuration.toSeconds()
        + " max-requests="
        + maxRequests
        + " rounds="
        + rounds
        + " warmup-seconds="
        + warmup.toSeconds()
        + " webhook-path="
        + webhookPath
        + " noop-path="
        + noopPath;
  }

  private static int intOption(String option, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a whole number from " + min + " to " + max + ", was '" + value + "'", e);
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          option + " must be from " + min + " to " + max + ", was " + parsed);
    }
    return parsed;
  }

  private static String pathOption(String option, String value) {
    if (!value.startsWith("/")) {
      throw new IllegalArgumentException(option + " must start with '/', was '" + value + "'");
    }
    return value;
  }

  /** Parses {@code url} and rejects any host that does not resolve to a loopback address. */
  private static URI loopbackUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url is not a valid URL: '" + url + "'", e);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--url must be an http:// URL with a host, such as http://127.0.0.1:8080, was '" + url + "'");
    }
    String host = uri.getHost();
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--url host " + host + " does not resolve", e);
    }
    if (!loopback) {
      throw new IllegalArgumentException(
          "--url host "
              + host
              + " is not a loopback address; this load test only sends to 127.0.0.1, ::1 or"
              + " localhost");
    }
    return uri;
  }
}
