package com.dberi.examples.servlet;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.servlet.DberiWebhookFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain Java application on embedded Jetty 12 that receives Dberi webhooks at {@code POST
 * /webhooks/dberi} through {@link DberiWebhookFilter}, and shows order statuses at {@code GET
 * /orders/{id}}.
 *
 * <p>Reads {@code DBERI_WEBHOOK_SECRET} (a fixed development secret with a warning when unset),
 * {@code PORT} (default 8080, 0 for any free port) and {@code BIND_ADDRESS} (default 127.0.0.1).
 * Processed event ids live in memory, so they are lost on restart.
 */
public final class ServletApp {

  private static final Logger log = LoggerFactory.getLogger(ServletApp.class);

  /** Secret used when {@code DBERI_WEBHOOK_SECRET} is unset. It is public, so anyone can sign with it. */
  static final String DEVELOPMENT_SECRET = "whsec_development_only_not_secret";

  /** Path of the webhook endpoint. */
  public static final String WEBHOOK_PATH = "/webhooks/dberi";

  /** Largest accepted delivery body. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  private final Server server;
  private final OrderBook orders;

  private ServletApp(Server server, OrderBook orders) {
    this.server = server;
    this.orders = orders;
  }

  /** Starts the application with settings from the environment and waits until it stops. */
  public static void main(String[] args) throws Exception {
    ServletApp app = start(System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "servlet-app-shutdown"));
    app.server.join();
  }

  /**
   * Starts Jetty with settings from {@code environment} and returns once it listens.
   *
   * @throws IllegalArgumentException if {@code PORT} is not a number from 0 to 65535
   * @throws Exception if Jetty cannot start, for example because the port is in use
   */
  public static ServletApp start(Map<String, String> environment) throws Exception {
    Objects.requireNonNull(environment, "environment");
    String secret = secret(environment);
    int port = port(environment.getOrDefault("PORT", "8080"));
    String host = environment.getOrDefault("BIND_ADDRESS", "127.0.0.1");

    OrderBook orders = new OrderBook();
    WebhookProcessor.Builder builder =
        WebhookProcessor.builder()
            .verifier(WebhookVerifier.builder().secret(secret).build())
            .idempotencyStore(InMemoryIdempotencyStore.create());
    WebhookProcessor processor = new PaymentHandlers(orders).register(builder).build();
    DberiWebhookFilter filter =
        DberiWebhookFilter.builder(processor).path(WEBHOOK_PATH).maxBodyBytes(MAX_BODY_BYTES).build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new OrderStatusServlet(orders)), "/orders/*");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();

    log.info("Dberi servlet example listening on http://{}:{}{}", host, connector.getLocalPort(),
        WEBHOOK_PATH);
    return new ServletApp(server, orders);
  }

  /** Returns the port Jetty listens on; useful after starting with {@code PORT=0}. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Returns the in-memory order statuses that the handlers update. */
  public OrderBook orders() {
    return orders;
  }

  /** Stops Jetty; logs and swallows a failure to stop. */
  public void stop() {
    try {
      server.stop();
    } catch (Exception e) {
      log.error("Jetty failed to stop cleanly on port {}", port(), e);
    }
  }

  private static String secret(Map<String, String> environment) {
    String secret = environment.get("DBERI_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      log.warn(
          "DBERI_WEBHOOK_SECRET is not set, so this application verifies deliveries with the public"
              + " development secret from ServletApp. Anyone can forge deliveries; set"
              + " DBERI_WEBHOOK_SECRET to the endpoint's signing secret before exposing it.");
      return DEVELOPMENT_SECRET;
    }
    return secret;
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw new IllegalArgumentException(
        "PORT must be a number from 0 to 65535 (0 picks a free port), was '" + value + "'");
  }
}
