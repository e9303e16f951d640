package com.dberi.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.spring.test.DberiWebhookRequests;
import com.dberi.webhooks.testsupport.SampleEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.WebApplicationContext;

/** Sends signed deliveries over real HTTP to an embedded server with the auto-configured endpoint. */
@SpringBootTest(
    classes = EndpointTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "dberi.webhooks.secret=" + EndpointTestApplication.SECRET,
      "dberi.webhooks.idempotency.store=jdbc",
      "dberi.webhooks.idempotency.create-table=true",
      "spring.datasource.url=jdbc:h2:mem:endpoint;DB_CLOSE_DELAY=-1",
      "spring.datasource.username=sa",
      "server.address=127.0.0.1"
    })
@ExtendWith(OutputCaptureExtension.class)
class WebhookEndpointTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DberiWebhookRequests dberi =
      DberiWebhookRequests.withSecret(EndpointTestApplication.SECRET);

  @Value("${local.server.port}")
  private int port;

  @Autowired private EndpointTestApplication.Calls calls;
  @Autowired private EndpointTestApplication.LedgerHandlers ledger;
  @Autowired private WebhookProcessor processor;
  @Autowired private MeterRegistry meters;
  @Autowired private WebApplicationContext context;

  private URI base;

  @BeforeEach
  void baseUri() {
    base = URI.create("http://127.0.0.1:" + port);
  }

  private HttpResponse<String> send(String json) throws IOException, InterruptedException {
    return HTTP.send(dberi.httpRequest(base, json), HttpResponse.BodyHandlers.ofString());
  }

  private static String event(String id, String type, String data) {
    return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":" + data + "}";
  }

  private static String newId() {
    return "evt_" + UUID.randomUUID();
  }

  @ParameterizedTest
  @CsvSource({
    "payment.completed, completed, evt_sample_payment_completed",
    "payment.failed, failed, evt_sample_payment_failed",
    "payment.expired, expired, evt_sample_payment_expired",
    "refund.completed, refund, evt_sample_refund_completed",
    "payout.paid, payout, evt_sample_payout_paid"
  })
  void sampleReachesItsMethodOnce(String type, String method, String eventId) throws Exception {
    String json = new String(SampleEvents.bytes(type), StandardCharsets.UTF_8);
    assertThat(json).contains(eventId);

    HttpResponse<String> first = send(json);
    HttpResponse<String> duplicate = send(json);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(duplicate.body()).startsWith("duplicate");
    assertThat(calls.count(method, eventId)).isEqualTo(1);
    assertThat(calls.calls).filteredOn(call -> call.endsWith(":" + eventId)).hasSize(1);
  }

  @Test
  void throwingHandlerAnswers500ThenRetrySucceeds() throws Exception {
    String id = newId();
    String json = event(id, "test.flaky", "{}");

    HttpResponse<String> first = send(json);
    HttpResponse<String> retry = send(json);
    HttpResponse<String> duplicate = send(json);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body()).doesNotContain("flaky handler fails");
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(calls.count("flaky", id)).isEqualTo(2);
  }

  @Test
  void transactionalHandlerRollsBackItsWrites() throws Exception {
    String id = newId();

    HttpResponse<String> failed = send(event(id, "test.ledger", "{\"fail\":true}"));

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(calls.count("ledger", id)).isEqualTo(1);
    assertThat(ledger.rows(id)).isZero();
  }

  @Test
  void transactionalHandlerCommitsItsWrites() throws Exception {
    String id = newId();
    String json = event(id, "test.ledger", "{\"fail\":false}");

    HttpResponse<String> first = send(json);
    HttpResponse<String> duplicate = send(json);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(ledger.rows(id)).isEqualTo(1);
  }

  @Test
  void failedCommitRollsBackProcessedRecord() throws Exception {
    String id = newId();
    String json = event(id, "test.commit", "{}");

    HttpResponse<String> failedCommit = send(json);
    int rowsAfterFailure = ledger.rows(id);
    HttpResponse<String> retry = send(json);

    assertThat(failedCommit.statusCode()).isEqualTo(500);
    assertThat(rowsAfterFailure).isZero();
    // The retry runs the handler again only if the "processed" record rolled back with the row.
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo("processed");
    assertThat(calls.count("commit", id)).isEqualTo(2);
    assertThat(ledger.rows(id)).isEqualTo(1);
  }

  @Test
  void handlersRunInOrder() throws Exception {
    String id = newId();

    HttpResponse<String> response = send(event(id, "test.ordered", "{}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(calls.calls)
        .filteredOn(call -> call.endsWith(":" + id))
        .containsExactly("ordered-1:" + id, "ordered-2:" + id);
  }

  @Test
  void unknownTypeReachesFallback() throws Exception {
    String id = newId();

    HttpResponse<String> response = send(event(id, "test.unmodelled", "{\"x\":1}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(calls.count("fallback", id)).isEqualTo(1);
  }

  @Test
  void wrongSignatureRejectedWithoutCall() throws Exception {
    String id = newId();
    String json = event(id, "test.unmodelled", "{}");
    HttpRequest forged =
        DberiWebhookRequests.withSecret("whsec_other").httpRequest(base, json);

    HttpResponse<String> response = HTTP.send(forged, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(calls.calls).noneMatch(call -> call.endsWith(":" + id));
  }

  @Test
  void restClientDeliveryProcessed() {
    RestClient client = RestClient.builder().baseUrl(base.toString()).build();

    ResponseEntity<String> response =
        dberi.restClient(client, new PaymentExpired("pay_rest")).retrieve().toEntity(String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("processed");
  }

  @Test
  void mockMvcDeliveryProcessed() throws Exception {
    FilterRegistrationBean<?> registration =
        context.getBean(
            DberiWebhooksAutoConfiguration.FILTER_REGISTRATION_BEAN, FilterRegistrationBean.class);
    MockMvc mockMvc =
        MockMvcBuilders.webAppContextSetup(context).addFilters(registration.getFilter()).build();
    String id = newId();

    mockMvc
        .perform(dberi.mockMvc(event(id, "test.unmodelled", "{}")))
        .andExpect(MockMvcResultMatchers.status().isOk());

    assertThat(calls.count("fallback", id)).isEqualTo(1);
  }

  @Test
  void logsHoldNoSecretOrSignature(CapturedOutput output) throws Exception {
    String json = event(newId(), "test.unmodelled", "{\"card\":\"4242\"}");
    HttpRequest forged = DberiWebhookRequests.withSecret("whsec_forger").httpRequest(base, json);
    String forgedSignature = forged.headers().firstValue(WebhookVerifier.SIGNATURE_HEADER).orElseThrow();

    HTTP.send(forged, HttpResponse.BodyHandlers.ofString());
    send(json);

    // The capture contains the SDK's log lines, so the checks below can fail.
    assertThat(output.getAll()).contains("Rejected Dberi delivery with status 401");
    assertThat(output.getAll()).doesNotContain(EndpointTestApplication.SECRET);
    assertThat(output.getAll()).doesNotContain(forgedSignature);
    assertThat(output.getAll()).doesNotContain("4242");
  }

  @Test
  void otherPathsPassThrough() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/not-the-webhook"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void storeIsTransactionalJdbcStore() {
    assertThat(processor.idempotencyStore()).isInstanceOf(TransactionAwareJdbcStore.class);
    assertThat(processor.idempotencyStore().toString())
        .contains(JdbcIdempotencyStore.class.getSimpleName());
  }

  @Test
  void metricsCountDeliveries() throws Exception {
    String id = newId();
    String json = dberi.eventJson(id, new PaymentExpired("pay_" + id));
    double processedBefore = count("payment.expired", "processed");
    double duplicatesBefore = count("payment.expired", "duplicate");

    send(json);
    send(json);

    assertThat(count("payment.expired", "processed") - processedBefore).isEqualTo(1.0);
    assertThat(count("payment.expired", "duplicate") - duplicatesBefore).isEqualTo(1.0);
    assertThat(meters.find(DberiWebhookMetrics.HANDLER_DURATION).tag("type", "payment.expired").timer())
        .isNotNull();
  }

  @Test
  void metricsTagRejectedAndUnknownTypes() throws Exception {
    String json = event(newId(), "test.unmodelled", "{}");
    double rejectedBefore = count("none", "rejected");
    double unknownBefore = count("unknown", "processed");

    HTTP.send(
        DberiWebhookRequests.withSecret("whsec_other").httpRequest(base, json),
        HttpResponse.BodyHandlers.ofString());
    send(json);

    assertThat(count("none", "rejected") - rejectedBefore).isEqualTo(1.0);
    assertThat(count("unknown", "processed") - unknownBefore).isEqualTo(1.0);
    assertThat(meters.find(DberiWebhookMetrics.DELIVERIES).tag("type", "test.unmodelled").counter())
        .isNull();
  }

  private double count(String type, String outcome) {
    Counter counter =
        meters.find(DberiWebhookMetrics.DELIVERIES).tag("type", type).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
