package com.dberi.examples.demo;

import com.dberi.examples.sender.DeliveryResponse;
import com.dberi.examples.sender.SenderOptions;
import com.dberi.examples.sender.UsageException;
import com.dberi.examples.sender.WebhookSender;
import com.dberi.examples.shop.ShopApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the shop on a free port of 127.0.0.1, creates an order and drives it with the sender:
 * payment.completed, the same event again, three copies of it at once, a tampered copy, a stale
 * copy and a refund. After each step it reads the order back and compares the HTTP statuses, the
 * order status and the emails with what the step should produce.
 *
 * <p>The shop runs in this JVM with an in-memory H2 database, unless {@code spring.datasource.*}
 * is set in the environment, and is stopped before {@link #run} returns.
 */
public final class DemoScenario {

  private static final Duration STALE_AGE = Duration.ofMinutes(10);
  private static final int CONCURRENT_COPIES = 3;
  private static final long AMOUNT = 2500;
  private static final int MAX_LINE = 150;

  private final PrintStream out;
  private final List<String> shopArgs;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final WebhookSender sender = new WebhookSender();
  private final String secret = "whsec_demo_" + randomHex(16);
  private final String eventId = "evt_demo_" + randomHex(8);
  private String baseUrl;

  private DemoScenario(PrintStream out, List<String> shopArgs) {
    this.out = out;
    this.shopArgs = List.copyOf(shopArgs);
  }

  /** The outcome of one step: the HTTP statuses, the order as read back, and any mismatch. */
  public record Step(
      String title,
      List<Integer> statuses,
      String orderStatus,
      long confirmationEmails,
      int emails,
      Long refundAmount,
      String mismatch) {

    /** Returns true when the statuses, order status and emails matched. */
    public boolean passed() {
      return mismatch == null;
    }
  }

  /** The order the demo created and every step's outcome. */
  public record Report(String orderId, List<Step> steps, Duration elapsed) {

    /** Returns true when every step matched. */
    public boolean passed() {
      return steps.stream().allMatch(Step::passed);
    }
  }

  /** Runs the demo, printing each step to {@code out}, and stops the shop before returning. */
  public static Report run(PrintStream out) {
    return run(out, List.of());
  }

  /**
   * Runs the demo like {@link #run(PrintStream)}, starting the shop with extra command-line
   * arguments such as {@code --spring.datasource.url=...}.
   */
  public static Report run(PrintStream out, List<String> shopArgs) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(shopArgs, "shopArgs");
    return new DemoScenario(out, shopArgs).run();
  }

  private Report run() {
    long started = System.nanoTime();
    try (ConfigurableApplicationContext shop = startShop()) {
      Integer port = shop.getEnvironment().getProperty("local.server.port", Integer.class);
      baseUrl = "http://127.0.0.1:" + port;
      out.println("Shop started on " + baseUrl + " (webhook endpoint " + baseUrl + "/webhooks/dberi)");

      JsonNode order = createOrder();
      String orderId = order.path("id").asText();
      String paymentId = order.path("payment_id").asText();
      out.println("Created order " + orderId + ": status " + order.path("status").asText()
          + ", payment " + paymentId);

      List<Step> steps = new ArrayList<>();
      List<String> completed =
          List.of("--type", "payment.completed", "--order-id", orderId, "--payment-id", paymentId,
              "--event-id", eventId, "--amount", Long.toString(AMOUNT));
      long staleMillis = System.currentTimeMillis() - STALE_AGE.toMillis();

      steps.add(step(steps, "payment.completed (event " + eventId + ")", completed,
          List.of(200), orderId, "paid", 1, 1));
      steps.add(step(steps, "the same event again", completed, List.of(200), orderId, "paid", 1, 1));
      steps.add(step(steps, "the same event, " + CONCURRENT_COPIES + " copies at once",
          concat(completed, "--concurrency", Integer.toString(CONCURRENT_COPIES)),
          List.of(200, 200, 200), orderId, "paid", 1, 1));
      steps.add(step(steps, "a tampered copy (one byte altered after signing)",
          concat(completed, "--tamper"), List.of(401), orderId, "paid", 1, 1));
      steps.add(step(steps, "a stale copy (timestamp " + STALE_AGE.toMinutes() + " minutes old)",
          concat(completed, "--timestamp", Long.toString(staleMillis)),
          List.of(400), orderId, "paid", 1, 1));
      steps.add(step(steps, "refund.completed for payment " + paymentId,
          List.of("--type", "refund.completed", "--payment-id", paymentId,
              "--event-id", "evt_demo_refund_" + randomHex(8), "--amount", Long.toString(AMOUNT)),
          List.of(200), orderId, "refunded", 1, 2));

      Report report = new Report(orderId, steps, Duration.ofNanos(System.nanoTime() - started));
      printSummary(report);
      return report;
    }
  }

  private ConfigurableApplicationContext startShop() {
    // Command-line arguments outrank the environment, so the demo's secret and port always apply.
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--dberi.webhooks.secret=" + secret,
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        // The demo prints each rejection itself; the SDK's WARN lines would repeat them.
        "--logging.level.com.dberi=ERROR"));
    args.addAll(shopArgs);
    return new SpringApplicationBuilder(ShopApplication.class).run(args.toArray(String[]::new));
  }

  private JsonNode createOrder() {
    String body =
        "{\"customer_email\":\"ada@example.com\",\"amount\":" + AMOUNT
            + ",\"items\":[{\"sku\":\"TSHIRT-M\",\"quantity\":1}]}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST /orders responded with " + response.statusCode() + " " + response.body() + ", expected 201");
    }
    return parse(response.body());
  }

  private Step step(
      List<Step> done,
      String title,
      List<String> senderArgs,
      List<Integer> expectedStatuses,
      String orderId,
      String expectedStatus,
      long expectedConfirmations,
      int expectedEmails) {
    out.println();
    out.println("[" + (done.size() + 1) + "] " + title);
    List<Integer> statuses = deliver(senderArgs);

    JsonNode order = getOrder(orderId);
    String status = order.path("status").asText();
    JsonNode emails = order.path("emails");
    List<String> kinds = new ArrayList<>();
    emails.forEach(email -> kinds.add(email.path("kind").asText()));
    long confirmations = kinds.stream().filter("order_confirmation"::equals).count();
    Long refundAmount = order.path("refund_amount").isNumber() ? order.path("refund_amount").asLong() : null;

    List<String> problems = new ArrayList<>();
    if (!statuses.equals(expectedStatuses)) {
      problems.add("HTTP " + statuses + ", expected " + expectedStatuses);
    }
    if (!status.equals(expectedStatus)) {
      problems.add("status " + status + ", expected " + expectedStatus);
    }
    if (confirmations != expectedConfirmations) {
      problems.add(confirmations + " confirmation emails, expected " + expectedConfirmations);
    }
    if (kinds.size() != expectedEmails) {
      problems.add(kinds.size() + " emails, expected " + expectedEmails);
    }
    String mismatch = problems.isEmpty() ? null : String.join("; ", problems);

    out.println("    order: " + status
        + (refundAmount == null ? "" : ", refunded " + refundAmount)
        + ", emails " + kinds
        + (mismatch == null ? "  -> as expected" : "  -> MISMATCH: " + mismatch));
    return new Step(title, statuses, status, confirmations, kinds.size(), refundAmount, mismatch);
  }

  private List<Integer> deliver(List<String> senderArgs) {
    List<String> args = new ArrayList<>(senderArgs);
    args.addAll(List.of("--url", baseUrl + "/webhooks/dberi", "--secret", secret));
    SenderOptions options;
    try {
      options = SenderOptions.parse(args, Map.of());
    } catch (UsageException e) {
      throw new IllegalStateException("The demo built an invalid sender command line: " + e.getMessage(), e);
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<DeliveryResponse> responses;
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      responses = sender.send(options, capture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> out.println("    " + shorten(line)));
    return responses.stream().map(DeliveryResponse::status).toList();
  }

  private JsonNode getOrder(String orderId) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + orderId)).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /orders/" + orderId + " responded with " + response.statusCode() + " " + response.body());
    }
    return parse(response.body());
  }

  private void printSummary(Report report) {
    out.println();
    long passed = report.steps().stream().filter(Step::passed).count();
    String seconds = String.format(java.util.Locale.ROOT, "%.1f", report.elapsed().toMillis() / 1000.0);
    if (report.passed()) {
      out.println("Demo passed: " + passed + " of " + report.steps().size() + " steps as expected"
          + " (paid once, one confirmation email, then refunded) in " + seconds + " s");
    } else {
      out.println("Demo FAILED: " + (report.steps().size() - passed) + " of "
          + report.steps().size() + " steps did not match; see MISMATCH above");
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + request.uri(), e);
    }
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("The shop responded with invalid JSON", e);
    }
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static String shorten(String line) {
    return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
