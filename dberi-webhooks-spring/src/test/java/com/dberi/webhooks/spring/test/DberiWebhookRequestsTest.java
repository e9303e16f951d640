package com.dberi.webhooks.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.testing.SignedDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

/** Checks that the test helper builds deliveries that the verifier accepts, for each record. */
class DberiWebhookRequestsTest {

  private static final String SECRET = "whsec_helper";

  private final DberiWebhookRequests dberi = DberiWebhookRequests.withSecret(SECRET);
  private final WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).build();

  @Test
  void everyRecordRoundTrips() {
    List<EventData> records =
        List.of(
            new PaymentCompleted("pay_1", "m_1", 2500, "completed", "cus_1", Map.of("order_id", "42")),
            new PaymentFailed("pay_2", "card_declined", "Declined", Map.of()),
            new PaymentExpired("pay_3"),
            new RefundCompleted("ref_1", "pay_1", 500, "requested_by_customer"),
            new PayoutPaid("po_1", 92000, LocalDate.of(2026, 3, 21)));

    for (EventData data : records) {
      SignedDelivery delivery = dberi.sign(data);

      Event event =
          verifier.verifyAndParse(delivery.body(), delivery.signatureHeader(), delivery.timestampHeader());

      assertThat(event.data()).isEqualTo(data);
      assertThat(event.id()).hasValueSatisfying(id -> assertThat(id).startsWith("evt_test_"));
    }
  }

  @Test
  void nullFieldsLeftOut() {
    String json = dberi.eventJson("evt_1", new PaymentCompleted("pay_1", null, 1, null, null, null));

    assertThat(json).doesNotContain("merchant_id");
    assertThat(json).contains("\"payment_id\":\"pay_1\"");
    assertThat(json).contains("\"type\":\"payment.completed\"");
  }

  @Test
  void twoSignsAreTwoEvents() {
    Event first = parse(dberi.sign(new PaymentExpired("pay_1")));
    Event second = parse(dberi.sign(new PaymentExpired("pay_1")));

    assertThat(first.id()).isNotEqualTo(second.id());
  }

  @Test
  void unknownDataRejected() {
    assertThatThrownBy(() -> dberi.sign(new UnknownEventData("test.new", "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("UnknownEventData belongs to no documented event type; pass the event JSON instead");
  }

  @Test
  void clockSetsTimestamp() {
    Instant sent = Instant.parse("2026-03-19T10:00:00Z");
    DberiWebhookRequests fixed = dberi.withClock(Clock.fixed(sent, ZoneOffset.UTC));

    SignedDelivery delivery = fixed.sign("{}");

    assertThat(delivery.timestampHeader()).isEqualTo(Long.toString(sent.toEpochMilli()));
  }

  @Test
  void httpRequestTargetsPath() {
    HttpRequest request =
        dberi.withPath("/hooks/in").httpRequest(URI.create("http://127.0.0.1:8080"), "{}");

    assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/hooks/in"));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers().firstValue(WebhookVerifier.SIGNATURE_HEADER)).isPresent();
    assertThat(request.headers().firstValue(WebhookVerifier.TIMESTAMP_HEADER)).isPresent();
  }

  @Test
  void mockMvcRequestVerifies() throws Exception {
    MockHttpServletRequest request =
        dberi.mockMvc(new PaymentExpired("pay_9")).buildRequest(new MockServletContext());

    Event event =
        verifier.verifyAndParse(
            request.getContentAsByteArray(),
            request.getHeader(WebhookVerifier.SIGNATURE_HEADER),
            request.getHeader(WebhookVerifier.TIMESTAMP_HEADER));

    assertThat(request.getRequestURI()).isEqualTo("/webhooks/dberi");
    assertThat(request.getContentType()).isEqualTo("application/json");
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(event.data()).isEqualTo(new PaymentExpired("pay_9"));
  }

  @Test
  void relativePathRejected() {
    assertThatThrownBy(() -> dberi.withPath("hooks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must start with '/', was 'hooks'");
  }

  @Test
  void toStringHidesSecret() {
    assertThat(dberi.toString()).doesNotContain(SECRET);
  }

  private Event parse(SignedDelivery delivery) {
    return verifier.verifyAndParse(delivery.body(), delivery.signatureHeader(), delivery.timestampHeader());
  }
}
