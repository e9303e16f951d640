package com.dberi.examples.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerificationException;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.RefundCompleted;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the sender against a JDK HTTP server on 127.0.0.1 that verifies each delivery. */
class SenderMainTest {

  private static final String SECRET = "whsec_sender_test";

  private final WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).build();
  private final ConcurrentLinkedQueue<Event> verified = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private volatile int answerStatus = 200;
  private HttpServer server;
  private String url;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/webhooks/dberi", this::receive);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/dberi";
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    String signature = exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER);
    String timestamp = exchange.getRequestHeaders().getFirst(WebhookVerifier.TIMESTAMP_HEADER);
    int status = answerStatus;
    String answer = "ok";
    try {
      verified.add(verifier.verifyAndParse(body, signature, timestamp));
    } catch (WebhookVerificationException e) {
      rejections.add(e.reason().name());
      status = e.httpStatus();
      answer = e.reason().name();
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private int run(String... args) {
    return SenderMain.run(
        List.of(args),
        Map.of(),
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("--concurrency N");
    assertThat(requests).hasValue(0);
  }

  @Test
  void usageErrorExitsTwo() {
    assertThat(run("--url", url, "--secret", SECRET, "--repeat", "-1")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: Option --repeat must be between 1 and 10000, got -1\n");
    assertThat(requests).hasValue(0);
  }

  @Test
  void signedSampleVerifies() {
    int exit =
        run("--url", url, "--secret", SECRET, "--order-id", "o-42", "--payment-id", "p-42",
            "--event-id", "evt_42");

    assertThat(exit).isZero();
    assertThat(rejections).isEmpty();
    assertThat(verified).hasSize(1);
    Event event = verified.peek();
    assertThat(event.id()).contains("evt_42");
    PaymentCompleted data = event.data(PaymentCompleted.class);
    assertThat(data.paymentId()).isEqualTo("p-42");
    assertThat(data.metadata()).containsEntry("order_id", "o-42");
    assertThat(out()).isEqualTo("delivery 1 of 1: HTTP 200 ok\n");
  }

  @Test
  void refundSampleCarriesAmount() {
    assertThat(
            run("--url", url, "--secret", SECRET, "--type", "refund.completed", "--payment-id",
                "p-7", "--amount", "1200"))
        .isZero();

    RefundCompleted refund = verified.peek().data(RefundCompleted.class);
    assertThat(refund.paymentId()).isEqualTo("p-7");
    assertThat(refund.amount()).isEqualTo(1200);
  }

  @Test
  void tamperedDeliveryExitsOne() {
    int exit = run("--url", url, "--secret", SECRET, "--tamper");

    assertThat(exit).isEqualTo(1);
    assertThat(rejections).containsExactly("SIGNATURE_MISMATCH");
    assertThat(out()).isEqualTo("delivery 1 of 1: HTTP 401 SIGNATURE_MISMATCH\n");
    assertThat(err()).isEqualTo("1 of 1 deliveries were not answered with 2xx\n");
  }

  @Test
  void staleTimestampRejected() {
    long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

    int exit = run("--url", url, "--secret", SECRET, "--timestamp", Long.toString(tenMinutesAgo));

    assertThat(exit).isEqualTo(1);
    assertThat(rejections).containsExactly("TIMESTAMP_TOO_OLD");
  }

  @Test
  void repeatAndConcurrencySendIdenticalCopies() {
    int exit = run("--url", url, "--secret", SECRET, "--repeat", "2", "--concurrency", "3");

    assertThat(exit).isZero();
    assertThat(requests).hasValue(6);
    assertThat(verified).hasSize(6);
    assertThat(verified.stream().map(event -> event.id().orElseThrow()).distinct()).hasSize(1);
    assertThat(out()).contains("delivery 6 of 6: HTTP 200 ok");
  }

  @Test
  void serverErrorExitsOne() {
    answerStatus = 500;

    assertThat(run("--url", url, "--secret", SECRET)).isEqualTo(1);
    assertThat(out()).isEqualTo("delivery 1 of 1: HTTP 500 ok\n");
  }

  @Test
  void fileSentByteForByte(@TempDir Path directory) throws IOException {
    String json = "{\"id\":\"evt_file\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p_f\"}}";
    Path file = directory.resolve("event.json");
    Files.writeString(file, json);

    assertThat(run("--url", url, "--secret", SECRET, "--file", file.toString())).isZero();
    assertThat(verified.peek().json()).isEqualTo(json);
  }

  @Test
  void missingFileExitsTwo(@TempDir Path directory) {
    Path missing = directory.resolve("missing.json");

    assertThat(run("--url", url, "--secret", SECRET, "--file", missing.toString())).isEqualTo(2);
    assertThat(err()).startsWith("error: cannot read --file " + missing);
  }

  @Test
  void refusedConnectionExitsOne() {
    server.stop(0);

    assertThat(run("--url", url, "--secret", SECRET)).isEqualTo(1);
    assertThat(out()).startsWith("delivery 1 of 1: no response, connection to " + url + " failed");
  }
}
