package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import com.dberi.webhooks.testsupport.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter in handling mode, over real HTTP to an embedded Jetty. */
class HandlingModeTest {

  static final String SECRET = "dbr_whsec_servlet_test_5e1f";
  static final Instant NOW = Instant.parse("2026-03-19T10:06:00Z");
  static final String PATH = DberiWebhookFilter.DEFAULT_PATH;
  static final String EXPIRED_JSON =
      "{\"id\":\"evt_h_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_h_1\"}}";

  static final List<String> sampleTypes = SampleEvents.TYPES;

  private final Http http = new Http();
  private final WebhookSigner signer = WebhookSigner.withSecret(SECRET);
  private final RecordingHandlers handlers = new RecordingHandlers();
  private TestServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(long maxBodyBytes) throws Exception {
    WebhookProcessor processor =
        handlers
            .register(
                WebhookProcessor.builder()
                    .verifier(
                        WebhookVerifier.builder()
                            .secret(SECRET)
                            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                            .build())
                    .idempotencyStore(InMemoryIdempotencyStore.create()))
            .build();
    server =
        TestServer.start(DberiWebhookFilter.builder(processor).maxBodyBytes(maxBodyBytes).build());
    return server;
  }

  private TestServer start() throws Exception {
    return start(DberiWebhookFilter.DEFAULT_MAX_BODY_BYTES);
  }

  private HttpResponse<String> post(SignedDelivery delivery) throws Exception {
    return http.post(server.uri(PATH), delivery.headers(), delivery.body());
  }

  private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
    return http.post(server.uri(PATH), headers, body);
  }

  private static Map<String, String> headers(String signature, String timestamp) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (signature != null) {
      headers.put(WebhookVerifier.SIGNATURE_HEADER, signature);
    }
    if (timestamp != null) {
      headers.put(WebhookVerifier.TIMESTAMP_HEADER, timestamp);
    }
    return headers;
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("sampleTypes")
  void sampleEventHandledOnce(String type) throws Exception {
    start();
    byte[] body = SampleEvents.bytes(type);
    JsonNode sample = new ObjectMapper().readTree(body);

    HttpResponse<String> response = post(signer.sign(body, NOW));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("processed");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
    assertThat(handlers.dispatchCount()).isEqualTo(1);
    Event event = handlers.dispatched().get(0);
    assertThat(event.type()).isEqualTo(type);
    assertThat(event.id()).contains(sample.get("id").asText());
    Map<String, Object> fields = EventFields.of(event.data());
    EventFields.expected(sample.get("data"))
        .forEach((name, value) -> assertThat(fields.get(name)).as(name).isEqualTo(value));
  }

  @Test
  void tamperedBodyRejected() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);
    byte[] tampered = EXPIRED_JSON.replace("pay_h_1", "pay_h_2").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(tampered, delivery.headers());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).startsWith("SIGNATURE_MISMATCH: Signature mismatch");
    assertThat(handlers.invocations()).isZero();
  }

  @Test
  void wrongSecretRejected() throws Exception {
    start();
    SignedDelivery delivery = WebhookSigner.withSecret("dbr_whsec_other").sign(EXPIRED_JSON, NOW);

    HttpResponse<String> response = post(delivery);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).startsWith("SIGNATURE_MISMATCH: ");
    assertThat(handlers.invocations()).isZero();
  }

  @Test
  void missingSignatureRejected() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> response =
        post(delivery.body(), headers(null, delivery.timestampHeader()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).startsWith("MISSING_SIGNATURE: Missing x-dberi-signature header.");
  }

  @Test
  void missingTimestampRejected() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> response =
        post(delivery.body(), headers(delivery.signatureHeader(), null));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("MISSING_TIMESTAMP: Missing x-dberi-timestamp header.");
  }

  @Test
  void staleTimestampRejected() throws Exception {
    start();

    HttpResponse<String> response = post(signer.sign(EXPIRED_JSON, NOW.minusSeconds(301)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("TIMESTAMP_TOO_OLD: Delivery too old");
    assertThat(handlers.invocations()).isZero();
  }

  @Test
  void futureTimestampRejected() throws Exception {
    start();

    HttpResponse<String> response = post(signer.sign(EXPIRED_JSON, NOW.plusSeconds(301)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("TIMESTAMP_IN_FUTURE: Delivery timestamp in the future");
  }

  @Test
  void malformedJsonRejected() throws Exception {
    start();

    HttpResponse<String> response = post(signer.sign("{\"id\":\"evt_h_1\",", NOW));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("MALFORMED_PAYLOAD: ");
    assertThat(handlers.invocations()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"id\":\"evt_b_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"Zoë Ångström"
            + " 🎉🚀 മലയാളം\"}}",
        "{\n"
            + "  \"id\": \"evt_b_2\",\n"
            + "  \"type\": \"payment.expired\",\n"
            + "  \"data\": {\n"
            + "    \"payment_id\": \"pay_b_2\"\n"
            + "  }\n"
            + "}",
        "{\r\n"
            + "  \"id\": \"evt_b_3\",\r\n"
            + "  \"type\": \"payment.expired\",\r\n"
            + "  \"data\": {\"payment_id\": \"pay_b_3\"}\r\n"
            + "}",
        "{\"id\":\"evt_b_4\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_b_4\"}}\n",
        "\uFEFF{\"id\":\"evt_b_5\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_b_5\"}}"
            + "\t \n\n"
      })
  void bodyVerifiedByteExact(String json) throws Exception {
    start();
    byte[] body = json.getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(signer.sign(body, NOW));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(handlers.dispatched()).hasSize(1);
    assertThat(handlers.dispatched().get(0).body()).isEqualTo(body);
  }

  @Test
  void declaredLengthOverLimitRejected() throws Exception {
    start(1024);
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    // Declares 10 MB but sends only the small body: the filter must respond without reading.
    Http.RawResponse response =
        Http.rawPost(
            server.port(),
            TestServer.CONTEXT_PATH + PATH,
            delivery.headers(),
            10_000_000L,
            delivery.body());

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("payload too large: the limit is 1024 bytes");
    assertThat(response.head()).containsIgnoringCase("Connection: close");
    assertThat(handlers.invocations()).isZero();
    assertThat(post(delivery).statusCode()).as("next delivery").isEqualTo(200);
  }

  @Test
  void chunkedBodyOverLimitRejected() throws Exception {
    start(1024);
    String padded = EXPIRED_JSON.replace("pay_h_1", "p".repeat(200_000));
    SignedDelivery large = signer.sign(padded, NOW);

    HttpResponse<String> response =
        http.postChunked(server.uri(PATH), large.headers(), large.body());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("payload too large: the limit is 1024 bytes");
    assertThat(server.lastReceivedHeaders().get("Transfer-Encoding")).containsExactly("chunked");
    assertThat(server.lastReceivedHeaders()).doesNotContainKey("Content-Length");
    assertThat(handlers.invocations()).isZero();
    assertThat(post(signer.sign(EXPIRED_JSON, NOW)).statusCode())
        .as("next delivery")
        .isEqualTo(200);
  }

  @Test
  void chunkedBodyUnderLimitAccepted() throws Exception {
    start(1024);
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> response =
        http.postChunked(server.uri(PATH), delivery.headers(), delivery.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.lastReceivedHeaders().get("Transfer-Encoding")).containsExactly("chunked");
    assertThat(handlers.dispatchCount()).isEqualTo(1);
  }

  @Test
  void bodyAtLimitAccepted() throws Exception {
    byte[] body = EXPIRED_JSON.getBytes(StandardCharsets.UTF_8);
    start(body.length);

    assertThat(post(signer.sign(body, NOW)).statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentDuplicatesHandledOnce() throws Exception {
    start();
    int deliveries = 16;
    // The handler keeps its claim until the other 15 requests have been answered.
    CountDownLatch othersAnswered = new CountDownLatch(deliveries - 1);
    handlers.hook(invocation -> othersAnswered.await(30, TimeUnit.SECONDS));
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < deliveries; i++) {
      futures.add(
          http.postAsync(server.uri(PATH), delivery.headers(), delivery.body())
              .whenComplete((response, error) -> othersAnswered.countDown()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> future : futures) {
      statuses.add(future.get(60, TimeUnit.SECONDS).statusCode());
    }

    assertThat(handlers.invocations()).isEqualTo(1);
    assertThat(statuses).containsOnly(200, 409);
    assertThat(statuses).contains(200);
  }

  @Test
  void handlerFailureAnswers500WithoutTrace() throws Exception {
    start();
    handlers.hook(
        invocation -> {
          throw new IllegalStateException("database down at jdbc:postgresql://db/orders");
        });

    HttpResponse<String> response = post(signer.sign(EXPIRED_JSON, NOW));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .isEqualTo("handler failed; the event was not marked processed and will be retried");
  }

  @Test
  void getAnswers405() throws Exception {
    start();

    HttpResponse<String> response = http.send(Http.builder(server.uri(PATH)).GET().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(server.applicationRequests()).isZero();
  }

  @Test
  void otherPathPassesThrough() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> response =
        http.post(server.uri("/orders"), delivery.headers(), delivery.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("app POST /orders");
    assertThat(handlers.invocations()).isZero();
  }

  @Test
  void pathPrefixPassesThrough() throws Exception {
    start();

    HttpResponse<String> sub = http.send(Http.builder(server.uri(PATH + "/x")).GET().build());
    HttpResponse<String> longer = http.send(Http.builder(server.uri(PATH + "x")).GET().build());

    assertThat(sub.body()).isEqualTo("app GET " + PATH + "/x");
    assertThat(longer.body()).isEqualTo("app GET " + PATH + "x");
  }

  @Test
  void customPathHandled() throws Exception {
    WebhookProcessor processor =
        handlers
            .register(
                WebhookProcessor.builder()
                    .verifier(
                        WebhookVerifier.builder()
                            .secret(SECRET)
                            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                            .build())
                    .idempotencyStore(InMemoryIdempotencyStore.create()))
            .build();
    server =
        TestServer.start(DberiWebhookFilter.builder(processor).path("/hooks/payments").build());
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> custom =
        http.post(server.uri("/hooks/payments"), delivery.headers(), delivery.body());
    HttpResponse<String> standard =
        http.post(server.uri(PATH), delivery.headers(), delivery.body());

    assertThat(custom.statusCode()).isEqualTo(200);
    assertThat(standard.body()).isEqualTo("app POST " + PATH);
    assertThat(handlers.dispatchCount()).isEqualTo(1);
  }

  @Test
  void gzipEncodingAnswers415() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);
    Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
    headers.put("Content-Encoding", "gzip");

    HttpResponse<String> response = post(delivery.body(), headers);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body())
        .isEqualTo("unsupported Content-Encoding: send the body uncompressed");
    assertThat(handlers.invocations()).isZero();
  }

  @Test
  void identityEncodingAccepted() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);
    Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
    headers.put("Content-Encoding", "identity");

    assertThat(post(delivery.body(), headers).statusCode()).isEqualTo(200);
  }

  @Test
  void duplicateAnswers200Once() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(EXPIRED_JSON, NOW);

    HttpResponse<String> first = post(delivery);
    HttpResponse<String> second = post(delivery);

    assertThat(first.body()).isEqualTo("processed");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo("duplicate: already processed");
    assertThat(handlers.invocations()).isEqualTo(1);
  }

  @Test
  void builderPathWithoutSlashRejected() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> DberiWebhookFilter.verifyOnlyBuilder(verifier()).path("webhooks"));

    assertThat(e)
        .hasMessage(
            "path must be an exact path within the application that starts with '/', without"
                + " wildcards or a query, such as /webhooks/dberi; was 'webhooks'");
  }

  @Test
  void builderZeroLimitRejected() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> DberiWebhookFilter.verifyOnlyBuilder(verifier()).maxBodyBytes(0));

    assertThat(e).hasMessage("maxBodyBytes must be between 1 and 2147483638, was 0");
  }

  @Test
  void builderNullProcessorRejected() {
    NullPointerException e =
        catchThrowableOfType(NullPointerException.class, () -> DberiWebhookFilter.builder(null));

    assertThat(e).hasMessage("processor");
  }

  @Test
  void toStringShowsModeOnly() {
    String text =
        DberiWebhookFilter.verifyOnlyBuilder(verifier()).maxBodyBytes(2048).build().toString();

    assertThat(text)
        .isEqualTo("DberiWebhookFilter{mode=verify-only, path=/webhooks/dberi, maxBodyBytes=2048}");
  }

  private static WebhookVerifier verifier() {
    return WebhookVerifier.builder().secret(SECRET).build();
  }
}
