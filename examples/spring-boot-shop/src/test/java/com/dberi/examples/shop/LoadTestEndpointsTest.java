package com.dberi.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sends the load generator's two kinds of request to the shop with its load-test endpoints on. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "dberi.webhooks.secret=" + LoadTestEndpointsTest.SECRET,
      "dberi.webhooks.idempotency.store=memory",
      "shop.loadtest.enabled=true",
      "spring.main.banner-mode=off"
    })
class LoadTestEndpointsTest {

  static final String SECRET = "whsec_loadtest_test";

  private final HttpClient client = HttpClient.newHttpClient();

  @LocalServerPort private int port;

  private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SignedDelivery ping(String id) {
    return WebhookSigner.withSecret(SECRET)
        .sign("{\"id\":\"" + id + "\",\"type\":\"loadtest.ping\",\"data\":{}}", Instant.now());
  }

  @Test
  void noopRespondsOk() throws Exception {
    HttpResponse<String> response = post("/loadtest/noop", ping("evt_noop_1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void noopFilterRespondsOk() throws Exception {
    HttpResponse<String> response = post("/loadtest/noop-filter", ping("evt_noop_2"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void pingProcessed() throws Exception {
    HttpResponse<String> response = post("/webhooks/dberi", ping("evt_ping_1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("processed");
  }

  @Test
  void pingRepeatedIsDuplicate() throws Exception {
    post("/webhooks/dberi", ping("evt_ping_2"));

    HttpResponse<String> response = post("/webhooks/dberi", ping("evt_ping_2"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("duplicate: already processed");
  }
}
