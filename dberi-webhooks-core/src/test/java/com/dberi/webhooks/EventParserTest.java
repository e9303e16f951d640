package com.dberi.webhooks;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.testsupport.SampleEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // ---- documented samples ----

  @Test
  void paymentCompletedSample() {
    Event event = parse(SampleEvents.bytes("payment.completed"));

    assertThat(event.id()).contains("evt_sample_payment_completed");
    assertThat(event.type()).isEqualTo("payment.completed");
    assertThat(event.knownType()).contains(EventType.PAYMENT_COMPLETED);
    assertThat(event.created()).contains(Instant.parse("2026-03-19T10:05:31Z"));
    PaymentCompleted data = event.data(PaymentCompleted.class);
    assertThat(data.paymentId()).isEqualTo("payment-abc123");
    assertThat(data.merchantId()).isEqualTo("merchant-your-id");
    assertThat(data.amount()).isEqualTo(2500L);
    assertThat(data.status()).isEqualTo("completed");
    assertThat(data.customerId()).isEqualTo("cust-xyz789");
    assertThat(data.metadata()).isEqualTo(Map.of("order_id", "1234"));
  }

  @Test
  void paymentFailedSample() {
    Event event = parse(SampleEvents.bytes("payment.failed"));

    assertThat(event.id()).contains("evt_sample_payment_failed");
    assertThat(event.type()).isEqualTo("payment.failed");
    assertThat(event.knownType()).contains(EventType.PAYMENT_FAILED);
    assertThat(event.created()).contains(Instant.parse("2026-03-19T10:06:02Z"));
    PaymentFailed data = event.data(PaymentFailed.class);
    assertThat(data.paymentId()).isEqualTo("payment-abc123");
    assertThat(data.errorCode()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(data.errorMessage()).isEqualTo("Customer has insufficient funds");
    assertThat(data.metadata()).isEqualTo(Map.of("order_id", "1234"));
  }

  @Test
  void paymentExpiredSample() {
    Event event = parse(SampleEvents.bytes("payment.expired"));

    assertThat(event.id()).contains("evt_sample_payment_expired");
    assertThat(event.type()).isEqualTo("payment.expired");
    assertThat(event.knownType()).contains(EventType.PAYMENT_EXPIRED);
    assertThat(event.created()).contains(Instant.parse("2026-03-20T10:05:31Z"));
    assertThat(event.data()).isEqualTo(new PaymentExpired("payment-abc123"));
  }

  @Test
  void refundCompletedSample() {
    Event event = parse(SampleEvents.bytes("refund.completed"));

    assertThat(event.id()).contains("evt_sample_refund_completed");
    assertThat(event.type()).isEqualTo("refund.completed");
    assertThat(event.knownType()).contains(EventType.REFUND_COMPLETED);
    assertThat(event.created()).contains(Instant.parse("2026-03-21T08:00:00Z"));
    RefundCompleted data = event.data(RefundCompleted.class);
    assertThat(data.refundId()).isEqualTo("refund-xyz789");
    assertThat(data.paymentId()).isEqualTo("payment-abc123");
    assertThat(data.amount()).isEqualTo(2500L);
    assertThat(data.reason()).isEqualTo("Customer requested cancellation");
  }

  @Test
  void payoutPaidSample() {
    Event event = parse(SampleEvents.bytes("payout.paid"));

    assertThat(event.id()).contains("evt_sample_payout_paid");
    assertThat(event.type()).isEqualTo("payout.paid");
    assertThat(event.knownType()).contains(EventType.PAYOUT_PAID);
    assertThat(event.created()).contains(Instant.parse("2026-03-19T23:00:00Z"));
    PayoutPaid data = event.data(PayoutPaid.class);
    assertThat(data.payoutId()).isEqualTo("payout-abc123");
    assertThat(data.amount()).isEqualTo(92000L);
    assertThat(data.arrivalDate()).isEqualTo(LocalDate.of(2026, 3, 21));
  }

  @Test
  void everySampleTypeParsesToItsRecord() {
    for (String type : SampleEvents.TYPES) {
      Event event = parse(SampleEvents.bytes(type));

      EventType known = EventType.fromWireName(type).orElseThrow();
      assertThat(event.data()).as(type).isInstanceOf(known.dataType());
    }
  }

  // ---- unknown types and unknown fields ----

  @Test
  void unknownTypeKeepsDataJson() {
    Event event =
        parse("{\"id\":\"evt_u\",\"type\":\"dispute.opened\",\"data\":{\"dispute_id\":\"dp_1\",\"n\":2}}");

    assertThat(event.knownType()).isEmpty();
    UnknownEventData data = event.data(UnknownEventData.class);
    assertThat(data.type()).isEqualTo("dispute.opened");
    assertThat(data.json()).isEqualTo("{\"dispute_id\":\"dp_1\",\"n\":2}");
  }

  /** The data JSON is the text from the body, so whitespace and number spelling survive. */
  @Test
  void unknownTypeDataJsonVerbatim() {
    String data = "{ \"amount\": 12.50,\n  \"big\": 123456789012345678901234567890.123,\n  \"e\": \"\\u00e9\" }";

    Event event = parse("{\"type\":\"dispute.opened\",\"data\":" + data + ",\"id\":\"evt_v\"}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo(data);
  }

  @Test
  void unknownTypeArrayDataVerbatim() {
    Event event = parse("{\"type\":\"batch.created\",\"data\":[1, 2.0, \"x\"]}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo("[1, 2.0, \"x\"]");
  }

  @Test
  void unknownTypeWithoutDataIsNull() {
    Event event = parse("{\"id\":\"evt_u\",\"type\":\"account.updated\"}");

    assertThat(event.data()).isEqualTo(new UnknownEventData("account.updated", "null"));
  }

  @Test
  void unknownTypeMultibyteDataVerbatim() {
    String data = "{\"note\":\"Café 😀\"}";

    Event event = parse("\uFEFF{\"type\":\"note.added\",\"data\":" + data + "}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo(data);
  }

  @Test
  void unknownFieldsIgnored() {
    Event event =
        parse(
            "{\"id\":\"evt_x\",\"type\":\"payment.expired\",\"livemode\":true,\"api_version\":"
                + "{\"v\":[1,2]},\"data\":{\"payment_id\":\"pay_x\",\"extra\":{\"deep\":[null]},"
                + "\"flag\":false}}");

    assertThat(event.data()).isEqualTo(new PaymentExpired("pay_x"));
  }

  @Test
  void dataBeforeTypeParsed() {
    Event event =
        parse(
            "{\"data\":{\"payment_id\":\"p\",\"amount\":2500,\"metadata\":{\"k\":\"v\"}},"
                + "\"id\":\"evt_d\",\"type\":\"payment.completed\"}");

    assertThat(event.data())
        .isEqualTo(new PaymentCompleted("p", null, 2500L, null, null, Map.of("k", "v")));
  }

  @Test
  void dataBeforeUnknownTypeVerbatim() {
    String data = "{\"a\": 1.50, \"b\": [true]}";

    Event event = parse("{\"data\":" + data + ",\"type\":\"dispute.opened\"}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo(data);
  }

  @Test
  void unknownTypeScalarDataAsJson() {
    Event event = parse("{\"type\":\"note.added\",\"data\":\"a\\u0001\\/b\"}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo("\"a\\u0001/b\"");
  }

  /** Field errors wait until the whole body is read, so invalid JSON later in the body wins. */
  @Test
  void invalidJsonAfterFieldErrorReported() {
    WebhookVerificationException e =
        rejection(
            "{\"type\":\"payment.completed\",\"data\":{\"payment_id\":1,\"amount\":1},\"x\":}");

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body is not valid JSON at");
  }

  /** Field errors come in a fixed order, not in the order of the body. */
  @Test
  void fieldErrorsInFixedOrder() {
    WebhookVerificationException e =
        rejection("{\"data\":{\"payment_id\":1},\"type\":\"payment.expired\",\"id\":3}");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: field 'id' must be a string, found a number");
  }

  @Test
  void exponentInIgnoredFieldRejected() {
    WebhookVerificationException e =
        rejection(
            "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\",\"x\":[1e9999999999]}}");

    assertThat(e.getMessage()).startsWith("Malformed event payload: a number's exponent is outside");
  }

  @Test
  void overlongStringInIgnoredFieldRejected() {
    String text = "a".repeat(EventParser.MAX_STRING_LENGTH + 1);

    WebhookVerificationException e =
        rejection("{\"type\":\"payment.expired\",\"x\":\"" + text + "\",\"data\":{}}");

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body exceeds a parser limit");
  }

  // ---- required fields ----

  static Stream<Arguments> requiredFields() {
    return Stream.of(
        Arguments.of("payment.completed", "payment_id"),
        Arguments.of("payment.completed", "amount"),
        Arguments.of("payment.failed", "payment_id"),
        Arguments.of("payment.failed", "error_code"),
        Arguments.of("payment.expired", "payment_id"),
        Arguments.of("refund.completed", "refund_id"),
        Arguments.of("refund.completed", "payment_id"),
        Arguments.of("refund.completed", "amount"),
        Arguments.of("payout.paid", "payout_id"),
        Arguments.of("payout.paid", "amount"),
        Arguments.of("payout.paid", "arrival_date"));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("requiredFields")
  void missingRequiredFieldRejected(String type, String field) throws Exception {
    ObjectNode root = sample(type);
    ((ObjectNode) root.get("data")).remove(field);

    WebhookVerificationException e = rejection(JSON.writeValueAsBytes(root));

    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: required field 'data." + field + "' is missing");
  }

  @ParameterizedTest(name = "{0} with null {1}")
  @MethodSource("requiredFields")
  void nullRequiredFieldRejected(String type, String field) throws Exception {
    ObjectNode root = sample(type);
    ((ObjectNode) root.get("data")).putNull(field);

    WebhookVerificationException e = rejection(JSON.writeValueAsBytes(root));

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: required field 'data." + field + "' is missing");
  }

  @ParameterizedTest
  @MethodSource("sampleTypes")
  void missingDataRejected(String type) throws Exception {
    ObjectNode root = sample(type);
    root.remove("data");

    WebhookVerificationException e = rejection(JSON.writeValueAsBytes(root));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: required field 'data' is missing for event type " + type);
  }

  @ParameterizedTest
  @MethodSource("sampleTypes")
  void missingTypeRejected(String type) throws Exception {
    ObjectNode root = sample(type);
    root.remove("type");

    WebhookVerificationException e = rejection(JSON.writeValueAsBytes(root));

    assertThat(e.getMessage()).isEqualTo("Malformed event payload: required field 'type' is missing");
  }

  static Stream<String> sampleTypes() {
    return SampleEvents.TYPES.stream();
  }

  @Test
  void dataNotObjectRejected() {
    WebhookVerificationException e = rejection("{\"type\":\"payment.expired\",\"data\":[]}");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: field 'data' must be a JSON object, found an array");
  }

  @Test
  void blankRequiredTextRejected() {
    WebhookVerificationException e =
        rejection("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"  \"}}");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: field 'data.payment_id' must not be blank");
  }

  @Test
  void numericIdRejected() {
    WebhookVerificationException e =
        rejection("{\"id\":42,\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: field 'id' must be a string, found a number");
  }

  @Test
  void missingIdParses() {
    Event event = parse("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}");

    assertThat(event.id()).isEmpty();
  }

  @Test
  void nullIdParses() {
    Event event = parse("{\"id\":null,\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}");

    assertThat(event.id()).isEmpty();
  }

  @Test
  void invalidArrivalDateRejected() {
    WebhookVerificationException e =
        rejection(
            "{\"type\":\"payout.paid\",\"data\":{\"payout_id\":\"po\",\"amount\":1,"
                + "\"arrival_date\":\"2026-02-30\"}}");

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.arrival_date' must be a date such as 2026-03-21,"
                + " found '2026-02-30'");
    assertThat(e.getCause()).isInstanceOf(java.time.DateTimeException.class);
  }

  // ---- amounts ----

  @Test
  void fractionalAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("2500.5"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.amount' must be a whole number of minor units"
                + " (for example 2500 for 25.00), found a fraction");
  }

  @Test
  void wholeFloatAmountAccepted() {
    Event event = parse(completedWithAmount("2500.0"));

    assertThat(event.data(PaymentCompleted.class).amount()).isEqualTo(2500L);
  }

  @Test
  void exponentAmountAccepted() {
    Event event = parse(completedWithAmount("25e2"));

    assertThat(event.data(PaymentCompleted.class).amount()).isEqualTo(2500L);
  }

  @Test
  void stringAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("\"2500\""));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.amount' must be a number in minor units, found a"
                + " string");
  }

  @Test
  void booleanAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("true"));

    assertThat(e.getMessage()).endsWith("must be a number in minor units, found a boolean");
  }

  @Test
  void oversizedIntegerAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("99999999999999999999"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.amount' is out of range for an amount in minor"
                + " units");
  }

  @Test
  void maxLongAmountAccepted() {
    Event event = parse(completedWithAmount(Long.toString(Long.MAX_VALUE)));

    assertThat(event.data(PaymentCompleted.class).amount()).isEqualTo(Long.MAX_VALUE);
  }

  /** The timeout guards against a parser that expands the exponent; it is not a speed target. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = SEPARATE_THREAD)
  void hugeExponentAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("1e999999999"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.amount' is out of range for an amount in minor"
                + " units");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = SEPARATE_THREAD)
  void hugeNegativeExponentAmountRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("1e-999999999"));

    assertThat(e.getMessage()).endsWith("must be a whole number of minor units (for example 2500 for 25.00), found a fraction");
  }

  /** A double would round this to 2500.0; the amount check must see the fraction. */
  @Test
  void fractionBeyondDoublePrecisionRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("2500.0000000000001"));

    assertThat(e.getMessage()).endsWith("found a fraction");
  }

  @Test
  void floatAboveLongRangeRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("9223372036854775808.0"));

    assertThat(e.getMessage()).endsWith("is out of range for an amount in minor units");
  }

  @Test
  void zeroFloatAmountAccepted() {
    Event event = parse(completedWithAmount("0.000"));

    assertThat(event.data(PaymentCompleted.class).amount()).isZero();
  }

  @Test
  void negativeWholeFloatAmountParsed() {
    Event event = parse(completedWithAmount("-2500.00"));

    assertThat(event.data(PaymentCompleted.class).amount()).isEqualTo(-2500L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e9999999999", "1e-9999999999", "1E+2147483648", "0e-2147483648"})
  void exponentBeyondDecimalRangeRejected(String amount) {
    WebhookVerificationException e = rejection(completedWithAmount(amount));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: a number's exponent is outside the range a decimal can hold."
                + " Dberi sends amounts as whole numbers of minor units.");
  }

  @Test
  void exponentBeyondDecimalRangeInMetadataRejected() {
    WebhookVerificationException e = rejection(completedWithMetadata("{\"n\":1e9999999999}"));

    assertThat(e.getMessage()).startsWith("Malformed event payload: a number's exponent is outside");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2147483647", "-1e2147483647", "1e2147483646"})
  void largestExponentOutOfRange(String amount) {
    WebhookVerificationException e = rejection(completedWithAmount(amount));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.amount' is out of range for an amount in minor"
                + " units");
  }

  @Test
  void overlongNumberRejected() {
    WebhookVerificationException e = rejection(completedWithAmount("1" + "0".repeat(200)));

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body exceeds a parser limit");
  }

  // ---- metadata ----

  @Test
  void absentMetadataEmpty() {
    Event event = parse(completedWithMetadata(null));

    assertThat(event.data(PaymentCompleted.class).metadata()).isEmpty();
  }

  @Test
  void nullMetadataEmpty() {
    Event event = parse(completedWithMetadata("null"));

    assertThat(event.data(PaymentCompleted.class).metadata()).isEmpty();
  }

  @Test
  void metadataScalarsBecomeText() {
    Event event =
        parse(
            completedWithMetadata(
                "{\"qty\":2,\"price\":12.50,\"gift\":true,\"note\":null,\"s\":\"x\",\"e\":1e2}"));

    assertThat(event.data(PaymentCompleted.class).metadata())
        .isEqualTo(Map.of("qty", "2", "price", "12.50", "gift", "true", "s", "x", "e", "1E+2"));
  }

  @Test
  void metadataNestedObjectRejected() {
    WebhookVerificationException e = rejection(completedWithMetadata("{\"order\":{\"id\":1}}"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.metadata.order' must be a string, found an object");
  }

  @Test
  void metadataArrayValueRejected() {
    WebhookVerificationException e = rejection(completedWithMetadata("{\"tags\":[\"a\"]}"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.metadata.tags' must be a string, found an array");
  }

  @Test
  void metadataNotObjectRejected() {
    WebhookVerificationException e = rejection(completedWithMetadata("\"order=1\""));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'data.metadata' must be a JSON object, found a string");
  }

  @Test
  void failedMetadataParsed() {
    Event event =
        parse(
            "{\"type\":\"payment.failed\",\"data\":{\"payment_id\":\"p\",\"error_code\":\"E\","
                + "\"metadata\":{\"n\":1}}}");

    assertThat(event.data(PaymentFailed.class).metadata()).isEqualTo(Map.of("n", "1"));
  }

  // ---- structure and parser limits ----

  @Test
  void nestingWithinLimitAccepted() {
    // The root object is the first level, so 31 arrays reach the limit of 32.
    String nested = "[".repeat(31) + "]".repeat(31);

    Event event = parse("{\"type\":\"x.y\",\"data\":" + nested + "}");

    assertThat(event.data(UnknownEventData.class).json()).isEqualTo(nested);
  }

  @Test
  void nestingBeyondLimitRejected() {
    String nested = "[".repeat(32) + "]".repeat(32);

    WebhookVerificationException e = rejection("{\"type\":\"x.y\",\"data\":" + nested + "}");

    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.getMessage()).startsWith("Malformed event payload: the body exceeds a parser limit");
    assertThat(e.getCause())
        .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
  }

  @Test
  void deepNestingRejectedCleanly() {
    String nested = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    WebhookVerificationException e = rejection(nested);

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body exceeds a parser limit");
  }

  @Test
  void duplicateTopLevelKeyRejected() {
    WebhookVerificationException e =
        rejection(
            "{\"id\":\"evt_a\",\"id\":\"evt_b\",\"type\":\"payment.expired\","
                + "\"data\":{\"payment_id\":\"p\"}}");

    assertThat(e.getMessage())
        .startsWith("Malformed event payload: the body is not valid JSON (Duplicate field 'id'")
        .contains("a key may appear only once per object");
  }

  @Test
  void duplicateDataKeyRejected() {
    WebhookVerificationException e =
        rejection(
            "{\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"p\",\"amount\":1,"
                + "\"amount\":100000}}");

    assertThat(e.getMessage()).contains("Duplicate field 'amount'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", " {}", "{}", "]", "\"tail\"", " 1", ",", "null"})
  void trailingContentRejected(String tail) {
    WebhookVerificationException e =
        rejection("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}" + tail);

    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.getMessage()).startsWith("Malformed event payload: the body is not valid JSON");
  }

  @Test
  void trailingWhitespaceAccepted() {
    Event event = parse("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}} \r\n\t");

    assertThat(event.data()).isEqualTo(new PaymentExpired("p"));
  }

  @Test
  void topLevelArrayRejected() {
    WebhookVerificationException e = rejection("[{\"type\":\"payment.expired\"}]");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: expected a JSON object at the top level, found an array");
  }

  @Test
  void topLevelStringRejected() {
    WebhookVerificationException e = rejection("\"payment.expired\"");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: expected a JSON object at the top level, found a string");
  }

  @Test
  void topLevelNullRejected() {
    WebhookVerificationException e = rejection("null");

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: expected a JSON object at the top level, found null");
  }

  @Test
  void emptyBodyRejected() {
    WebhookVerificationException e = rejection(new byte[0]);

    assertThat(e.getMessage())
        .isEqualTo("Malformed event payload: the body is empty; Dberi always sends an event object");
  }

  @Test
  void whitespaceBodyRejected() {
    WebhookVerificationException e = rejection(" \n");

    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.getMessage()).startsWith("Malformed event payload: ");
  }

  @Test
  void invalidUtf8Rejected() {
    byte[] body = "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p?\"}}".getBytes(StandardCharsets.UTF_8);
    body[body.length - 4] = (byte) 0xFF;

    WebhookVerificationException e = rejection(body);

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body is not valid JSON");
  }

  @Test
  void truncatedJsonRejected() {
    WebhookVerificationException e = rejection("{\"type\":\"payment.expired\",\"data\":{");

    assertThat(e.getMessage()).startsWith("Malformed event payload: the body is not valid JSON at line 1");
  }

  @Test
  void errorMessageOmitsBody() {
    String secretish = "card_4242424242424242_cvc_123";

    WebhookVerificationException e =
        rejection("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"" + secretish + "\"}x");

    assertThat(e.getMessage()).doesNotContain(secretish);
  }

  // ---- created ----

  @Test
  void createdIsoUtc() {
    assertThat(parse(withCreated("\"2026-03-19T10:05:31Z\"")).created())
        .contains(Instant.parse("2026-03-19T10:05:31Z"));
  }

  @Test
  void createdIsoWithOffset() {
    assertThat(parse(withCreated("\"2026-03-19T12:05:31+02:00\"")).created())
        .contains(Instant.parse("2026-03-19T10:05:31Z"));
  }

  @Test
  void createdIsoWithFraction() {
    assertThat(parse(withCreated("\"2026-03-19T10:05:31.250Z\"")).created())
        .contains(Instant.parse("2026-03-19T10:05:31.250Z"));
  }

  @Test
  void createdEpochMillis() {
    assertThat(parse(withCreated("1773914731250")).created())
        .contains(Instant.parse("2026-03-19T10:05:31.250Z"));
  }

  @Test
  void createdEpochSeconds() {
    assertThat(parse(withCreated("1773914731")).created())
        .contains(Instant.parse("2026-03-19T10:05:31Z"));
  }

  @Test
  void createdAbsentEmpty() {
    assertThat(parse(withCreated(null)).created()).isEmpty();
  }

  @Test
  void createdWithoutOffsetRejected() {
    WebhookVerificationException e = rejection(withCreated("\"2026-03-19T10:05:31\""));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'created' must be an ISO-8601 instant such as"
                + " 2026-03-19T10:05:31Z, found '2026-03-19T10:05:31'");
  }

  @Test
  void createdBooleanRejected() {
    WebhookVerificationException e = rejection(withCreated("true"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed event payload: field 'created' must be an ISO-8601 string or epoch"
                + " milliseconds, found a boolean");
  }

  @Test
  void createdNegativeRejected() {
    WebhookVerificationException e = rejection(withCreated("-1"));

    assertThat(e.getMessage()).endsWith("must be an ISO-8601 string or epoch milliseconds, found a number");
  }

  // ---- helpers ----

  private static ObjectNode sample(String type) throws Exception {
    return (ObjectNode) JSON.readTree(SampleEvents.bytes(type));
  }

  private static String completedWithAmount(String amount) {
    return "{\"id\":\"evt_a\",\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"p\",\"amount\":"
        + amount
        + "}}";
  }

  private static String completedWithMetadata(String metadata) {
    String field = metadata == null ? "" : ",\"metadata\":" + metadata;
    return "{\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"p\",\"amount\":1" + field + "}}";
  }

  private static String withCreated(String created) {
    String field = created == null ? "" : ",\"created\":" + created;
    return "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}" + field + "}";
  }

  private static Event parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Event parse(byte[] body) {
    return EventParser.parse(body);
  }

  private static WebhookVerificationException rejection(String json) {
    return rejection(json.getBytes(StandardCharsets.UTF_8));
  }

  private static WebhookVerificationException rejection(byte[] body) {
    Throwable thrown = catchThrowable(() -> EventParser.parse(body));
    assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
    WebhookVerificationException e = (WebhookVerificationException) thrown;
    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.httpStatus()).isEqualTo(400);
    return e;
  }

  @Test
  void utf16BodyRejected() {
    byte[] json =
        "{\"id\":\"evt_1\",\"type\":\"new.type\",\"data\":{\"a\":1}}"
            .getBytes(StandardCharsets.UTF_16LE);

    WebhookVerificationException failure =
        catchThrowableOfType(
            WebhookVerificationException.class, () -> EventParser.parse(json));

    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(failure.getMessage()).contains("UTF-16 or UTF-32");
  }

  @Test
  void utf16BodyWithByteOrderMarkRejected() {
    byte[] json =
        "{\"id\":\"evt_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}"
            .getBytes(StandardCharsets.UTF_16);

    WebhookVerificationException failure =
        catchThrowableOfType(
            WebhookVerificationException.class, () -> EventParser.parse(json));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("UTF-16 or UTF-32");
  }

  @Test
  void utf8ByteOrderMarkStillAccepted() {
    byte[] json =
        "\uFEFF{\"id\":\"evt_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(EventParser.parse(json).type()).isEqualTo("payment.expired");
  }
}
