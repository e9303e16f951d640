package com.dberi.webhooks.loadtest;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookResult;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback HTTP server with the shop's two load-test endpoints: {@code /loadtest/noop} responds
 * with 200 {@code ok}, and {@code /webhooks/dberi} runs a real {@link WebhookProcessor} with a {@code
 * loadtest.ping} handler that counts its calls.
 */
final class StubShop implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final LongAdder pings = new LongAdder();

  StubShop(String secret) throws IOException {
    WebhookProcessor processor =
        WebhookProcessor.builder()
            .verifier(WebhookVerifier.builder().secret(secret).build())
            .idempotencyStore(InMemoryIdempotencyStore.create())
            .on(Delivery.EVENT_TYPE, (data, event) -> pings.increment())
            .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/loadtest/noop", exchange -> {
      readBody(exchange);
      respond(exchange, 200, "ok");
    });
    server.createContext("/webhooks/dberi", exchange -> {
      byte[] body = readBody(exchange);
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      WebhookResult result = processor.process(body, headers);
      respond(exchange, result.status(), result.body());
    });
    server.setExecutor(executor);
    server.start();
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:40123}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns how many deliveries the {@code loadtest.ping} handler processed. */
  long pings() {
    return pings.sum();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
