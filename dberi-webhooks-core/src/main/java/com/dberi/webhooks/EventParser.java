package com.dberi.webhooks;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;

import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.dberi.webhooks.event.UnknownEventData;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses event JSON into an {@link Event} with a private, locked-down Jackson mapper.
 *
 * <p>The mapper is never the application's: its limits (nesting depth, string, number and name
 * length), duplicate-key detection and trailing-token check do not depend on how the application
 * configured Jackson. Fields are read from the tree by hand, so every error names the JSON field.
 */
final class EventParser {

  /** Maximum nesting of objects and arrays; a Dberi event nests three levels deep. */
  static final int MAX_NESTING_DEPTH = 32;

  /** Maximum length of one JSON string, in characters. */
  static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

  /** Maximum length of one JSON number, in characters. */
  static final int MAX_NUMBER_LENGTH = 64;

  /** Maximum length of one JSON object key, in characters. */
  static final int MAX_NAME_LENGTH = 1024;

  /** Number of decimal digits in {@link Long#MAX_VALUE}. */
  private static final int MAX_LONG_DIGITS = 19;

  /** Timestamps below this value are seconds since the epoch, at or above it milliseconds. */
  private static final long SECONDS_THRESHOLD = 100_000_000_000L;

  private static final ObjectMapper MAPPER = createMapper();

  private EventParser() {}

  private static ObjectMapper createMapper() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    // Decimals stay exact, with their written scale, so amounts are checked without double rounding.
    return new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  static Event parse(byte[] body) {
    if (body.length == 0) {
      throw malformed("the body is empty; Dberi always sends an event object");
    }
    JsonNode root = readTree(body);
    if (!root.isObject()) {
      throw malformed("expected a JSON object at the top level, found " + describe(root));
    }

    String id = optionalText(root, "id", "id");
    String type = requiredText(root, "type", "type");
    Instant created = optionalInstant(root.get("created"));
    EventData data = parseData(type, root.get("data"), body);
    return new Event(id, type, created, data, body);
  }

  private static JsonNode readTree(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw malformed("the body holds no JSON value");
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD,
          "Malformed event payload: the body exceeds a parser limit ("
              + e.getOriginalMessage()
              + "). Dberi events are small and shallow; this body was not produced by Dberi.",
          e);
    } catch (JsonProcessingException e) {
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD,
          "Malformed event payload: the body is not valid JSON"
              + duplicateKeyDetail(e)
              + " at "
              + describe(e.getLocation())
              + ". Check that the body reached the SDK unchanged, encoded as UTF-8.",
          e);
    } catch (IOException e) {
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD, "Malformed event payload: the body could not be read as JSON", e);
    } catch (NumberFormatException e) {
      // Decimals are read as BigDecimal, whose exponent must fit in an int, such as 1e9999999999.
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD,
          "Malformed event payload: a number's exponent is outside the range a decimal can hold."
              + " Dberi sends amounts as whole numbers of minor units.",
          e);
    }
  }

  private static EventData parseData(String type, JsonNode data, byte[] body) {
    EventType knownType = EventType.fromWireName(type).orElse(null);
    if (knownType == null) {
      return new UnknownEventData(type, rawDataJson(data, body));
    }
    if (data == null || data.isNull()) {
      throw malformed("required field 'data' is missing for event type " + type);
    }
    if (!data.isObject()) {
      throw malformed("field 'data' must be a JSON object, found " + describe(data));
    }
    return switch (knownType) {
      case PAYMENT_COMPLETED ->
          new PaymentCompleted(
              requiredText(data, "payment_id", "data.payment_id"),
              optionalText(data, "merchant_id", "data.merchant_id"),
              requiredAmount(data, "amount", "data.amount"),
              optionalText(data, "status", "data.status"),
              optionalText(data, "customer_id", "data.customer_id"),
              metadata(data.get("metadata")));
      case PAYMENT_FAILED ->
          new PaymentFailed(
              requiredText(data, "payment_id", "data.payment_id"),
              requiredText(data, "error_code", "data.error_code"),
              optionalText(data, "error_message", "data.error_message"),
              metadata(data.get("metadata")));
      case PAYMENT_EXPIRED -> new PaymentExpired(requiredText(data, "payment_id", "data.payment_id"));
      case REFUND_COMPLETED ->
          new RefundCompleted(
              requiredText(data, "refund_id", "data.refund_id"),
              requiredText(data, "payment_id", "data.payment_id"),
              requiredAmount(data, "amount", "data.amount"),
              optionalText(data, "reason", "data.reason"));
      case PAYOUT_PAID ->
          new PayoutPaid(
              requiredText(data, "payout_id", "data.payout_id"),
              requiredAmount(data, "amount", "data.amount"),
              requiredDate(data, "arrival_date", "data.arrival_date"));
    };
  }

  /**
   * Returns the text of the top-level {@code data} value exactly as it appears in the body, so that
   * a fallback handler receives the sender's numbers and strings unchanged. The body already parsed
   * as a tree without duplicate keys, so the second, streaming pass finds exactly one {@code data}.
   */
  private static String rawDataJson(JsonNode data, byte[] body) {
    if (data == null) {
      return "null";
    }
    if (!data.isContainerNode()) {
      return data.toString();
    }
    try (JsonParser parser = MAPPER.createParser(body)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("data")) {
          int start = (int) parser.currentTokenLocation().getByteOffset();
          parser.skipChildren();
          int end = (int) parser.currentLocation().getByteOffset();
          return new String(body, start, end - start, StandardCharsets.UTF_8);
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD, "Malformed event payload: the body could not be read as JSON", e);
    }
    throw new IllegalStateException("Field 'data' found in the tree but not in the token stream");
  }

  private static String requiredText(JsonNode parent, String field, String path) {
    String value = optionalText(parent, field, path);
    if (value == null) {
      throw malformed("required field '" + path + "' is missing");
    }
    return value;
  }

  private static String optionalText(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw malformed("field '" + path + "' must be a string, found " + describe(node));
    }
    String value = node.textValue();
    if (value.isBlank()) {
      throw malformed("field '" + path + "' must not be blank");
    }
    return value;
  }

  private static long requiredAmount(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw malformed("required field '" + path + "' is missing");
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw outOfRange(path);
      }
      return node.longValue();
    }
    if (node.isFloatingPointNumber()) {
      return wholeAmount(node.decimalValue(), path);
    }
    throw malformed("field '" + path + "' must be a number in minor units, found " + describe(node));
  }

  /**
   * Converts a JSON number written with a fraction or an exponent, such as {@code 2500.0} or {@code
   * 25e2}, into a whole amount. The mapper reads such numbers as exact decimals, so a fraction too
   * small for a double, such as {@code 2500.0000000000001} or {@code 1e-999999999}, is still
   * rejected. The digit count is checked before any scaling, so a huge exponent costs no time.
   */
  private static long wholeAmount(BigDecimal value, String path) {
    if (value.signum() == 0) {
      return 0;
    }
    // A long, because the scale of a huge exponent such as 1e2147483647 is near Integer.MIN_VALUE.
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits <= 0) {
      throw fraction(path);
    }
    if (integerDigits > MAX_LONG_DIGITS) {
      throw outOfRange(path);
    }
    BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
    if (whole.compareTo(value) != 0) {
      throw fraction(path);
    }
    try {
      return whole.longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(path);
    }
  }

  private static WebhookVerificationException fraction(String path) {
    return malformed(
        "field '"
            + path
            + "' must be a whole number of minor units (for example 2500 for 25.00), found a"
            + " fraction");
  }

  private static WebhookVerificationException outOfRange(String path) {
    return malformed("field '" + path + "' is out of range for an amount in minor units");
  }

  private static LocalDate requiredDate(JsonNode parent, String field, String path) {
    String text = requiredText(parent, field, path);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new WebhookVerificationException(
          MALFORMED_PAYLOAD,
          "Malformed event payload: field '"
              + path
              + "' must be a date such as 2026-03-21, found '"
              + LogSafe.truncate(text)
              + "'",
          e);
    }
  }

  private static Instant optionalInstant(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      long value = node.longValue();
      return Instant.ofEpochMilli(value < SECONDS_THRESHOLD ? value * 1000 : value);
    }
    if (node.isTextual()) {
      String text = node.textValue();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e) {
        throw new WebhookVerificationException(
            MALFORMED_PAYLOAD,
            "Malformed event payload: field 'created' must be an ISO-8601 instant such as"
                + " 2026-03-19T10:05:31Z, found '"
                + LogSafe.truncate(text)
                + "'",
            e);
      }
    }
    throw malformed(
        "field 'created' must be an ISO-8601 string or epoch milliseconds, found " + describe(node));
  }

  private static Map<String, String> metadata(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw malformed("field 'data.metadata' must be a JSON object, found " + describe(node));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isContainerNode()) {
        throw malformed(
            "field 'data.metadata."
                + LogSafe.truncate(entry.getKey())
                + "' must be a string, found "
                + describe(value));
      }
      // Numbers and booleans become text: {"qty": 2} reads as "2" and 12.50 as "12.50", but an
      // exponent is normalised, so 1e2 reads as "1E+2".
      metadata.put(entry.getKey(), value.isTextual() ? value.textValue() : value.asText());
    }
    return metadata;
  }

  private static String duplicateKeyDetail(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return " (" + LogSafe.truncate(message) + "; a key may appear only once per object)";
    }
    return "";
  }

  private static String describe(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static WebhookVerificationException malformed(String detail) {
    return new WebhookVerificationException(MALFORMED_PAYLOAD, "Malformed event payload: " + detail);
  }
}
