package com.dberi.examples.sender;

import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Signs one event and POSTs it as many times as the options ask, printing each response.
 *
 * <p>Each round signs the body once, so that its copies are byte-identical duplicates, and sends
 * {@link SenderOptions#concurrency()} copies at the same time. Rounds run one after the other.
 * Thread-safe: every call builds its own requests.
 */
public final class WebhookSender {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_PRINTED_BODY = 500;

  private final HttpClient client;

  /** Creates a sender with its own HTTP/1.1 client. */
  public WebhookSender() {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /**
   * Builds or reads the event, then sends every round and returns the responses in sending order.
   *
   * @param out where one line per delivery is printed
   * @throws IOException if {@code --file} cannot be read
   */
  public List<DeliveryResponse> send(SenderOptions options, PrintStream out) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(out, "out");
    byte[] body = body(options);
    WebhookSigner signer = WebhookSigner.withSecret(options.secret());
    int total = options.repeat() * options.concurrency();

    List<DeliveryResponse> responses = new ArrayList<>(total);
    for (int round = 0; round < options.repeat(); round++) {
      Instant timestamp = options.timestampMillis().map(Instant::ofEpochMilli).orElseGet(Instant::now);
      SignedDelivery delivery = signer.sign(body, timestamp);
      HttpRequest request = request(options, delivery);

      List<CompletableFuture<DeliveryResponse>> inFlight = new ArrayList<>();
      for (int copy = 0; copy < options.concurrency(); copy++) {
        inFlight.add(sendAsync(request));
      }
      for (CompletableFuture<DeliveryResponse> future : inFlight) {
        DeliveryResponse response = future.join();
        responses.add(response);
        out.println(describe(responses.size(), total, response));
      }
    }
    return responses;
  }

  private static byte[] body(SenderOptions options) throws IOException {
    if (options.file().isPresent()) {
      return Files.readAllBytes(options.file().get());
    }
    return SampleEvents.build(options.type().orElseThrow(), options, Instant.now());
  }

  private static HttpRequest request(SenderOptions options, SignedDelivery delivery) {
    byte[] body = delivery.body();
    if (options.tamper()) {
      Tampering.alterOneByte(body);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(options.url())
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private CompletableFuture<DeliveryResponse> sendAsync(HttpRequest request) {
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new DeliveryResponse(response.statusCode(), response.body(), null))
        .exceptionally(failure -> new DeliveryResponse(0, "", explain(request, failure)));
  }

  private static String explain(HttpRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof ConnectException) {
      return "connection to " + request.uri() + " failed (" + detail
          + "); check that the application is running and listens on that port";
    }
    return "request to " + request.uri() + " failed: " + detail;
  }

  static String describe(int number, int total, DeliveryResponse response) {
    String prefix = "delivery " + number + " of " + total + ": ";
    if (response.failure().isPresent()) {
      return prefix + "no response, " + response.failure().get();
    }
    return prefix + "HTTP " + response.status() + " " + oneLine(response.body());
  }

  private static String oneLine(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() > MAX_PRINTED_BODY ? flat.substring(0, MAX_PRINTED_BODY) + "..." : flat;
  }
}
