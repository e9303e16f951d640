package com.dberi.examples.shop;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.spring.DberiWebhook;
import com.dberi.webhooks.spring.DberiWebhooksAutoConfiguration;
import jakarta.servlet.Filter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints for the loopback load test in the {@code loadtest} module, registered only with {@code
 * shop.loadtest.enabled=true}.
 *
 * <p>Two baselines that a signed delivery to the webhook path is compared with, both of which read
 * the body and respond with 200 {@code ok}:
 *
 * <ul>
 *   <li>{@code POST /loadtest/noop}, a controller method, which runs through Spring MVC's
 *       dispatcher, handler mapping and message converters;
 *   <li>{@code POST /loadtest/noop-filter}, a servlet filter at the Dberi filter's order, which
 *       responds before Spring MVC runs, as the Dberi filter does.
 * </ul>
 *
 * <p>The {@code loadtest.ping} handler does nothing, so a delivery of that type measures the SDK's
 * path (servlet filter, verification, idempotency store) and not the shop's database work.
 */
@RestController
@ConditionalOnProperty(name = "shop.loadtest.enabled", havingValue = "true")
public class LoadTestEndpoints {

  /** Event type that only the load generator sends. */
  static final String PING_TYPE = "loadtest.ping";

  /** Path of the filter baseline. */
  static final String NOOP_FILTER_PATH = "/loadtest/noop-filter";

  /** Reads the whole body and responds with 200 {@code ok}, doing nothing else. */
  @PostMapping(path = "/loadtest/noop", produces = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<String> noop(@RequestBody(required = false) byte[] body) {
    return ResponseEntity.ok("ok");
  }

  /** Accepts a {@code loadtest.ping} event and does nothing with it. */
  @DberiWebhook(PING_TYPE)
  public void ping(Event event) {
    // Intentionally empty: the load test measures the SDK's work around the handler.
  }

  /**
   * Registers a filter on {@value #NOOP_FILTER_PATH} that reads the whole body and responds with
   * 200 {@code ok} without passing the request on.
   */
  @Bean
  FilterRegistrationBean<Filter> loadTestNoopFilter() {
    Filter filter =
        (request, response, chain) -> {
          try (InputStream body = request.getInputStream()) {
            body.readAllBytes();
          }
          byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
          response.setContentType(MediaType.TEXT_PLAIN_VALUE);
          response.setContentLength(ok.length);
          response.getOutputStream().write(ok);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(NOOP_FILTER_PATH);
    registration.setOrder(DberiWebhooksAutoConfiguration.FILTER_ORDER);
    return registration;
  }
}
