package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.dberi.webhooks.testsupport.DeliveryCase;
import com.dberi.webhooks.testsupport.DeliveryCases;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every single-request recorded delivery that the core decides through verifyAndParse. */
class DeliveryCasesVerifierTest {

  static Stream<DeliveryCase> coreCases() {
    // 413 is decided by the HTTP adapters from the body size, before the core sees the body.
    return DeliveryCases.singleRequest().stream().filter(c -> c.expected().status() != 413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreCases")
  void recordedDeliveryGivesExpectedOutcome(DeliveryCase delivery) {
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secrets(delivery.receiverSecrets())
            .clock(Clock.fixed(Instant.ofEpochMilli(delivery.nowMillis()), ZoneOffset.UTC))
            .build();
    String signature = delivery.header(WebhookVerifier.SIGNATURE_HEADER);
    String timestamp = delivery.header(WebhookVerifier.TIMESTAMP_HEADER);

    if (delivery.expected().status() == 200) {
      Event event = verifier.verifyAndParse(delivery.body(), signature, timestamp);
      delivery.expected().eventType().ifPresent(type -> assertThat(event.type()).isEqualTo(type));
      delivery.expected().eventId().ifPresent(id -> assertThat(event.id()).contains(id));
      delivery.expected().fields().ifPresent(fields -> assertFields(event.data(), fields));
    } else {
      WebhookVerificationException failure =
          catchThrowableOfType(
              WebhookVerificationException.class,
              () -> verifier.verifyAndParse(delivery.body(), signature, timestamp));
      assertThat(failure).as("expected a rejection").isNotNull();
      assertThat(failure.httpStatus()).isEqualTo(delivery.expected().status());
    }
  }

  private static void assertFields(EventData data, JsonNode fields) {
    Map<String, Object> actual = new LinkedHashMap<>();
    if (data instanceof PaymentCompleted p) {
      actual.put("payment_id", p.paymentId());
      actual.put("merchant_id", p.merchantId());
      actual.put("amount", p.amount());
      actual.put("status", p.status());
      actual.put("customer_id", p.customerId());
      actual.put("metadata", p.metadata());
    } else if (data instanceof PaymentFailed p) {
      actual.put("payment_id", p.paymentId());
      actual.put("error_code", p.errorCode());
      actual.put("error_message", p.errorMessage());
      actual.put("metadata", p.metadata());
    } else if (data instanceof PaymentExpired p) {
      actual.put("payment_id", p.paymentId());
    } else if (data instanceof RefundCompleted r) {
      actual.put("refund_id", r.refundId());
      actual.put("payment_id", r.paymentId());
      actual.put("amount", r.amount());
      actual.put("reason", r.reason());
    } else if (data instanceof PayoutPaid p) {
      actual.put("payout_id", p.payoutId());
      actual.put("amount", p.amount());
      actual.put("arrival_date", p.arrivalDate().toString());
    } else {
      throw new AssertionError("No field mapping for " + data);
    }
    fields.fields().forEachRemaining(field -> assertField(actual, field.getKey(), field.getValue()));
  }

  @SuppressWarnings("unchecked")
  private static void assertField(Map<String, Object> actual, String name, JsonNode expected) {
    Object value = actual.get(name);
    if (expected.isObject()) {
      Map<String, String> map = (Map<String, String>) value;
      expected
          .fields()
          .forEachRemaining(
              e -> assertThat(map).as(name + "." + e.getKey()).containsEntry(e.getKey(), expand(e.getValue().asText())));
      assertThat(map).as(name).hasSize(expected.size());
    } else if (expected.isNumber()) {
      assertThat(value).as(name).isEqualTo(expected.asLong());
    } else {
      assertThat(value).as(name).isEqualTo(expected.asText());
    }
  }

  /** Expands the "<614169 x 'a'>" shorthand that the large-payload case uses for its padding. */
  private static String expand(String text) {
    var matcher = java.util.regex.Pattern.compile("<(\\d+) x '(.)'>").matcher(text);
    return matcher.matches() ? matcher.group(2).repeat(Integer.parseInt(matcher.group(1))) : text;
  }
}
