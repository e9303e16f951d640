package com.dberi.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts the example on a free port of 127.0.0.1 and sends it signed deliveries over HTTP. */
class ServletAppTest {

  private static final String SECRET = "whsec_servlet_app_test";
  private static final String COMPLETED =
      "{\"id\":\"evt_s1\",\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"pay_s1\","
          + "\"amount\":2500,\"metadata\":{\"order_id\":\"ord_s1\"}}}";

  private final HttpClient client = HttpClient.newHttpClient();
  private ServletApp app;

  @BeforeEach
  void start() throws Exception {
    app = ServletApp.start(Map.of("PORT", "0", "DBERI_WEBHOOK_SECRET", SECRET));
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private HttpResponse<String> post(SignedDelivery delivery, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/dberi"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void deliveryMarksOrderPaid() throws Exception {
    SignedDelivery delivery = WebhookSigner.withSecret(SECRET).sign(COMPLETED, Instant.now());

    HttpResponse<String> response = post(delivery, delivery.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(app.orders().status("ord_s1")).contains("paid");
    assertThat(get("/orders/ord_s1").body()).isEqualTo("paid\n");
  }

  @Test
  void duplicateAcknowledged() throws Exception {
    SignedDelivery delivery = WebhookSigner.withSecret(SECRET).sign(COMPLETED, Instant.now());
    post(delivery, delivery.body());

    HttpResponse<String> second = post(delivery, delivery.body());

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("duplicate");
  }

  @Test
  void wrongSecretRejected() throws Exception {
    SignedDelivery delivery = WebhookSigner.withSecret("whsec_other").sign(COMPLETED, Instant.now());

    HttpResponse<String> response = post(delivery, delivery.body());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(app.orders().status("ord_s1")).isEmpty();
  }

  @Test
  void refundFoundByPayment() throws Exception {
    WebhookSigner signer = WebhookSigner.withSecret(SECRET);
    SignedDelivery paid = signer.sign(COMPLETED, Instant.now());
    post(paid, paid.body());
    SignedDelivery refund =
        signer.sign(
            "{\"id\":\"evt_s2\",\"type\":\"refund.completed\",\"data\":{\"refund_id\":\"r1\","
                + "\"payment_id\":\"pay_s1\",\"amount\":2500}}",
            Instant.now());

    assertThat(post(refund, refund.body()).statusCode()).isEqualTo(200);
    assertThat(app.orders().status("ord_s1")).contains("refunded");
  }

  @Test
  void unknownOrderNotFound() throws Exception {
    assertThat(get("/orders/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void invalidPortRejected() {
    assertThatThrownBy(() -> ServletApp.start(Map.of("PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a number from 0 to 65535 (0 picks a free port), was 'http'");
  }
}
