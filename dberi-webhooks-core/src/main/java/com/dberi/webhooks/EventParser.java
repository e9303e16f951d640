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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

  /** Largest amount that a JSON floating-point number such as {@code 2500.0} carries exactly. */
  private static final double MAX_EXACT_DOUBLE = 9_007_199_254_740_992d;

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
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
    EventData data = parseData(type, root.get("data"));
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
    }
  }

  private static EventData parseData(String type, JsonNode data) {
    EventType knownType = EventType.fromWireName(type).orElse(null);
    if (knownType == null) {
      return new UnknownEventData(type, data == null ? "null" : data.toString());
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
        throw malformed("field '" + path + "' is out of range for an amount in minor units");
      }
      return node.longValue();
    }
    if (node.isFloatingPointNumber()) {
      double value = node.doubleValue();
      boolean whole = value == Math.rint(value) && Math.abs(value) <= MAX_EXACT_DOUBLE;
      if (!whole) {
        throw malformed(
            "field '"
                + path
                + "' must be a whole number of minor units (for example 2500 for 25.00), found a"
                + " fraction");
      }
      return (long) value;
    }
    throw malformed("field '" + path + "' must be a number in minor units, found " + describe(node));
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
      // Numbers and booleans keep their JSON text, so {"qty": 2} reads as "2".
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
