package com.dberi.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Drives the shop's handlers with signed deliveries over real HTTP, on the embedded H2 database. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dberi.webhooks.secret=" + ShopWebhookTest.SECRET, "spring.main.banner-mode=off"})
@ExtendWith(OutputCaptureExtension.class)
class ShopWebhookTest {

  static final String SECRET = "whsec_shop_test";

  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final WebhookSigner signer = WebhookSigner.withSecret(SECRET);

  @LocalServerPort private int port;

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> postOrder(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri("/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode createOrder(String sku, int quantity) throws Exception {
    HttpResponse<String> response =
        postOrder(
            "{\"customer_email\":\"ada@example.com\",\"amount\":2500,\"items\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}]}");
    assertThat(response.statusCode()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private JsonNode get(String path) throws Exception {
    return json.readTree(
        client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private JsonNode stock(String sku) throws Exception {
    for (JsonNode level : get("/stock")) {
      if (level.path("sku").asText().equals(sku)) {
        return level;
      }
    }
    throw new AssertionError("no stock row for " + sku);
  }

  private int deliver(String type, String data) throws Exception {
    String event =
        "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"data\":" + data + "}";
    SignedDelivery delivery = signer.sign(event, Instant.now());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/webhooks/dberi"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String payment(JsonNode order) {
    return "\"payment_id\":\"" + order.path("payment_id").asText() + "\"";
  }

  private static String metadata(JsonNode order) {
    return "\"metadata\":{\"order_id\":\"" + order.path("id").asText() + "\"}";
  }

  @Test
  void orderReservesStock() throws Exception {
    int before = stock("MUG").path("reserved").asInt();

    JsonNode order = createOrder("MUG", 2);

    assertThat(order.path("status").asText()).isEqualTo("pending");
    assertThat(stock("MUG").path("reserved").asInt()).isEqualTo(before + 2);
  }

  @Test
  void completedSellsStockAndConfirms() throws Exception {
    JsonNode order = createOrder("MUG", 1);
    int reserved = stock("MUG").path("reserved").asInt();

    int status =
        deliver("payment.completed", "{" + payment(order) + ",\"amount\":2500," + metadata(order) + "}");

    JsonNode after = get("/orders/" + order.path("id").asText());
    assertThat(status).isEqualTo(200);
    assertThat(after.path("status").asText()).isEqualTo("paid");
    assertThat(after.path("emails").get(0).path("kind").asText()).isEqualTo("order_confirmation");
    assertThat(stock("MUG").path("reserved").asInt()).isEqualTo(reserved - 1);
  }

  @Test
  void failedReleasesStockAndNotifies() throws Exception {
    int available = stock("TSHIRT-M").path("available").asInt();
    JsonNode order = createOrder("TSHIRT-M", 3);

    int status =
        deliver("payment.failed",
            "{" + payment(order) + ",\"error_code\":\"CARD_DECLINED\"," + metadata(order) + "}");

    JsonNode after = get("/orders/" + order.path("id").asText());
    assertThat(status).isEqualTo(200);
    assertThat(after.path("status").asText()).isEqualTo("payment_failed");
    assertThat(after.path("emails").get(0).path("kind").asText()).isEqualTo("payment_failed");
    assertThat(stock("TSHIRT-M").path("available").asInt()).isEqualTo(available);
  }

  @Test
  void expiredFoundByPaymentReleasesStock() throws Exception {
    int available = stock("TSHIRT-M").path("available").asInt();
    JsonNode order = createOrder("TSHIRT-M", 1);

    int status = deliver("payment.expired", "{" + payment(order) + "}");

    JsonNode after = get("/orders/" + order.path("id").asText());
    assertThat(status).isEqualTo(200);
    assertThat(after.path("status").asText()).isEqualTo("expired");
    assertThat(after.path("emails")).isEmpty();
    assertThat(stock("TSHIRT-M").path("available").asInt()).isEqualTo(available);
  }

  @Test
  void concurrentCopiesConfirmOnce() throws Exception {
    JsonNode order = createOrder("MUG", 1);
    String event =
        "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"payment.completed\",\"data\":{"
            + payment(order) + ",\"amount\":2500," + metadata(order) + "}}";
    SignedDelivery delivery = signer.sign(event, Instant.now());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri("/webhooks/dberi"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(builder::header);
    HttpRequest request = builder.build();

    List<CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      copies.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> copy : copies) {
      statuses.add(copy.join().statusCode());
    }

    // The copies that arrive while the first one runs get 409, later ones 200 as duplicates.
    assertThat(statuses).containsAnyOf(200);
    assertThat(statuses).allMatch(status -> status == 200 || status == 409);
    JsonNode after = get("/orders/" + order.path("id").asText());
    assertThat(after.path("status").asText()).isEqualTo("paid");
    assertThat(after.path("emails")).hasSize(1);
  }

  @Test
  void refundOfPendingOrderIgnored(CapturedOutput output) throws Exception {
    JsonNode order = createOrder("MUG", 1);

    int status =
        deliver("refund.completed",
            "{\"refund_id\":\"r-1\"," + payment(order) + ",\"amount\":100}");

    assertThat(status).isEqualTo(200);
    assertThat(get("/orders/" + order.path("id").asText()).path("status").asText())
        .isEqualTo("pending");
    assertThat(output.getOut())
        .contains("does not apply to order " + order.path("id").asText() + " in status pending");
  }

  @Test
  void unknownOrderAcknowledged(CapturedOutput output) throws Exception {
    int status =
        deliver("payment.completed",
            "{\"payment_id\":\"payment-unknown\",\"amount\":1,\"metadata\":{\"order_id\":\"no-such-order\"}}");

    assertThat(status).isEqualTo(200);
    assertThat(output.getOut()).contains("names unknown order no-such-order / payment payment-unknown");
  }

  @Test
  void invalidEmailRejected() throws Exception {
    HttpResponse<String> response =
        postOrder("{\"customer_email\":\"ada\",\"amount\":2500,\"items\":[{\"sku\":\"MUG\",\"quantity\":1}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("error").asText())
        .isEqualTo("Invalid order: customer_email must be an email address such as ada@example.com");
  }

  @Test
  void insufficientStockRejected() throws Exception {
    HttpResponse<String> response =
        postOrder(
            "{\"customer_email\":\"ada@example.com\",\"amount\":2500,"
                + "\"items\":[{\"sku\":\"POSTER\",\"quantity\":1000}]}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json.readTree(response.body()).path("error").asText())
        .startsWith("Not enough stock for sku 'POSTER': 1000 requested, ");
  }

  @Test
  void unknownSkuRejected() throws Exception {
    HttpResponse<String> response =
        postOrder(
            "{\"customer_email\":\"ada@example.com\",\"amount\":2500,"
                + "\"items\":[{\"sku\":\"KITE\",\"quantity\":1}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("error").asText())
        .isEqualTo("Unknown product sku 'KITE'; GET /stock lists the products");
  }

  @Test
  void unknownOrderNotFound() throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(uri("/orders/nope")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).path("error").asText()).isEqualTo("No order with id 'nope'");
  }

  @Test
  void wrongSecretRejected() throws Exception {
    SignedDelivery delivery =
        WebhookSigner.withSecret("whsec_other")
            .sign("{\"id\":\"evt_x\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}",
                Instant.now());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/webhooks/dberi"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::header);

    assertThat(client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void loadTestNoopAbsentByDefault() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/loadtest/noop"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
