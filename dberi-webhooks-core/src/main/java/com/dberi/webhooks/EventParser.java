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
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses event JSON into an {@link Event} with a private, locked-down Jackson parser.
 *
 * <p>The parser factory is never the application's: its limits (nesting depth, string, number and
 * name length), duplicate-key detection and trailing-token check do not depend on how the
 * application configured Jackson.
 *
 * <p>Design: one streaming pass over the body reads the top-level fields into plain values and
 * builds no tree. When {@code type} precedes {@code data} and names a documented type, the fields
 * of {@code data} are read straight into values for that type. Otherwise the pass remembers the
 * byte range of {@code data}, and a second parser over that range reads it once the type is
 * known; an unknown type keeps those bytes verbatim. Every scalar the pass meets is decoded
 * (strings to text, decimals to {@link BigDecimal}) even where it is skipped, so read limits and
 * number errors apply to the whole body. Errors about field types and values wait until the whole
 * body has been read, so a body that is not valid JSON is always reported as such, and field
 * errors come in a fixed order: {@code id}, {@code type}, {@code created}, {@code data} and the
 * fields of {@code data} in the order of the record's components.
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

  private static final String METADATA = "metadata";

  private static final String[] PAYMENT_COMPLETED_FIELDS = {
    "payment_id", "merchant_id", "amount", "status", "customer_id", METADATA
  };
  private static final String[] PAYMENT_FAILED_FIELDS = {
    "payment_id", "error_code", "error_message", METADATA
  };
  private static final String[] PAYMENT_EXPIRED_FIELDS = {"payment_id"};
  private static final String[] REFUND_COMPLETED_FIELDS = {
    "refund_id", "payment_id", "amount", "reason"
  };
  private static final String[] PAYOUT_PAID_FIELDS = {"payout_id", "amount", "arrival_date"};

  private static final JsonFactory FACTORY = createFactory();

  /** Writes a scalar {@code data} value of an unknown type back as JSON text. */
  private static final JsonFactory WRITER = new JsonFactory();

  private EventParser() {}

  private static JsonFactory createFactory() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();
    return JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  static Event parse(byte[] body) {
    if (body.length == 0) {
      throw malformed("the body is empty; Dberi always sends an event object");
    }
    if (looksLikeUtf16OrUtf32(body)) {
      throw malformed(
          "the body is encoded as UTF-16 or UTF-32; JSON between systems must be UTF-8 (RFC"
              + " 8259), and Dberi sends UTF-8, so check that no proxy re-encoded the body");
    }
    return read(body).toEvent(body);
  }

  /**
   * Returns true when the body starts with a UTF-16 byte order mark or has a zero byte among its
   * first two bytes, which UTF-8 JSON never has: it starts with whitespace, a UTF-8 byte order mark
   * or a token.
   */
  private static boolean looksLikeUtf16OrUtf32(byte[] body) {
    int first = body[0] & 0xFF;
    if (first == 0) {
      return true;
    }
    if (body.length < 2) {
      return false;
    }
    int second = body[1] & 0xFF;
    return second == 0 || (first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE);
  }

  private static Envelope read(byte[] body) {
    try {
      Envelope envelope = new Envelope();
      try (JsonParser parser = FACTORY.createParser(body)) {
        readRoot(parser, envelope);
      }
      envelope.readDataLater(body);
      return envelope;
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

  private static void readRoot(JsonParser parser, Envelope envelope) throws IOException {
    JsonToken root = parser.nextToken();
    if (root == null) {
      throw malformed("the body contains no JSON value");
    }
    envelope.root = root;
    if (root == JsonToken.START_OBJECT) {
      readTopLevelFields(parser, envelope);
    } else {
      skipValue(parser, root);
    }

    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw MismatchedInputException.from(
          parser, Event.class, "Trailing token (of type " + trailing + ") found after the event");
    }
  }

  private static void readTopLevelFields(JsonParser parser, Envelope envelope) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      switch (name) {
        case "id" -> envelope.id = readScalar(parser, token);
        case "type" -> envelope.type = readScalar(parser, token);
        case "created" -> envelope.created = readScalar(parser, token);
        case "data" -> envelope.readData(parser, token);
        default -> skipValue(parser, token);
      }
    }
  }

  /**
   * Reads the value at {@code token} as a plain value: a {@link String}, a {@link Long}, a {@link
   * BigInteger} beyond the range of a long, a {@link BigDecimal} for a number with a fraction or
   * an exponent, a {@link Boolean}, {@code null} for JSON null, or, for an object or array, its
   * start token after skipping its content.
   */
  private static Object readScalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? parser.getBigIntegerValue()
              : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case START_OBJECT, START_ARRAY -> {
        skipValue(parser, token);
        yield token;
      }
      default -> null;
    };
  }

  /**
   * Skips the value at {@code token}, decoding every scalar inside it as a tree would: strings
   * are read to text so the string limit applies, and decimals are read exactly so an exponent
   * outside the range of a decimal is rejected wherever it appears.
   */
  private static void skipValue(JsonParser parser, JsonToken token) throws IOException {
    if (!token.isStructStart()) {
      decode(parser, token);
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken next = parser.nextToken();
      if (next == null) {
        return;
      }
      if (next.isStructStart()) {
        depth++;
      } else if (next.isStructEnd()) {
        depth--;
      } else {
        decode(parser, next);
      }
    }
  }

  private static void decode(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberType();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      default -> {
        // Names, literals and null need no decoding.
      }
    }
  }

  /** Reads the fields of a {@code data} object into one slot per field name of {@code type}. */
  private static Object[] readDataFields(JsonParser parser, EventType type) throws IOException {
    String[] names = fieldNames(type);
    Object[] values = new Object[names.length];
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      int slot = indexOf(names, name);
      if (slot < 0) {
        skipValue(parser, token);
      } else if (names[slot].equals(METADATA)) {
        values[slot] = readMetadata(parser, token);
      } else {
        values[slot] = readScalar(parser, token);
      }
    }
    return values;
  }

  private static String[] fieldNames(EventType type) {
    return switch (type) {
      case PAYMENT_COMPLETED -> PAYMENT_COMPLETED_FIELDS;
      case PAYMENT_FAILED -> PAYMENT_FAILED_FIELDS;
      case PAYMENT_EXPIRED -> PAYMENT_EXPIRED_FIELDS;
      case REFUND_COMPLETED -> REFUND_COMPLETED_FIELDS;
      case PAYOUT_PAID -> PAYOUT_PAID_FIELDS;
    };
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads {@code data.metadata} into a map, or into a {@link Rejection} that is thrown once the
   * whole body has been read. Null values are left out; numbers and booleans become text: {"qty":
   * 2} reads as "2" and 12.50 as "12.50", but an exponent is normalised, so 1e2 reads as "1E+2".
   */
  private static Object readMetadata(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      Object value = readScalar(parser, token);
      return new Rejection("field 'data.metadata' must be a JSON object, found " + describe(value));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Rejection rejection = null;
    String key;
    while ((key = parser.nextFieldName()) != null) {
      Object value = readScalar(parser, parser.nextToken());
      if (value == null) {
        continue;
      }
      if (value instanceof JsonToken) {
        if (rejection == null) {
          rejection =
              new Rejection(
                  "field 'data.metadata."
                      + LogSafe.truncate(key)
                      + "' must be a string, found "
                      + describe(value));
        }
        continue;
      }
      metadata.put(key, value.toString());
    }
    return rejection != null ? rejection : metadata;
  }

  private static EventType knownType(Object type) {
    if (type instanceof String text && !text.isBlank()) {
      return EventType.fromWireName(text).orElse(null);
    }
    return null;
  }

  private static String requiredText(Object value, String path) {
    String text = optionalText(value, path);
    if (text == null) {
      throw malformed("required field '" + path + "' is missing");
    }
    return text;
  }

  private static String optionalText(Object value, String path) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw malformed("field '" + path + "' must be a string, found " + describe(value));
    }
    if (text.isBlank()) {
      throw malformed("field '" + path + "' must not be blank");
    }
    return text;
  }

  private static long requiredAmount(Object value, String path) {
    if (value == null) {
      throw malformed("required field '" + path + "' is missing");
    }
    if (value instanceof Long whole) {
      return whole;
    }
    if (value instanceof BigInteger) {
      // The parser reads an integer as a BigInteger only beyond the range of a long.
      throw outOfRange(path);
    }
    if (value instanceof BigDecimal decimal) {
      return wholeAmount(decimal, path);
    }
    throw malformed(
        "field '" + path + "' must be a number in minor units, found " + describe(value));
  }

  /**
   * Converts a JSON number written with a fraction or an exponent, such as {@code 2500.0} or {@code
   * 25e2}, into a whole amount. The parser reads such numbers as exact decimals, so a fraction too
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

  private static LocalDate requiredDate(Object value, String path) {
    String text = requiredText(value, path);
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

  private static Instant optionalInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long epoch && epoch >= 0) {
      return Instant.ofEpochMilli(epoch < SECONDS_THRESHOLD ? epoch * 1000 : epoch);
    }
    if (value instanceof String text) {
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
        "field 'created' must be an ISO-8601 string or epoch milliseconds, found "
            + describe(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> metadata(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Rejection rejection) {
      throw malformed(rejection.detail());
    }
    return (Map<String, String>) value;
  }

  /** Writes a scalar value read by {@link #readScalar} back as JSON text. */
  private static String toJson(Object value) {
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = WRITER.createGenerator(json)) {
      if (value instanceof String text) {
        generator.writeString(text);
      } else if (value instanceof Long number) {
        generator.writeNumber(number);
      } else if (value instanceof BigInteger number) {
        generator.writeNumber(number);
      } else if (value instanceof BigDecimal number) {
        generator.writeNumber(number);
      } else if (value instanceof Boolean bool) {
        generator.writeBoolean(bool);
      } else {
        generator.writeNull();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing a JSON scalar to a StringWriter failed", e);
    }
    return json.toString();
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

  /** Describes a value read by {@link #readScalar}, or a start token, for a message. */
  private static String describe(Object value) {
    if (value == null || value == JsonToken.VALUE_NULL) {
      return "null";
    }
    if (value == JsonToken.START_OBJECT) {
      return "an object";
    }
    if (value == JsonToken.START_ARRAY) {
      return "an array";
    }
    if (value instanceof String || value == JsonToken.VALUE_STRING) {
      return "a string";
    }
    if (value instanceof Boolean
        || value == JsonToken.VALUE_TRUE
        || value == JsonToken.VALUE_FALSE) {
      return "a boolean";
    }
    return "a number";
  }

  private static WebhookVerificationException malformed(String detail) {
    return new WebhookVerificationException(MALFORMED_PAYLOAD, "Malformed event payload: " + detail);
  }

  /** A field error found while reading, thrown only after the whole body has been read. */
  private record Rejection(String detail) {}

  /** The top-level values of one body, read by one call; not shared between threads. */
  private static final class Envelope {

    JsonToken root;
    Object id;
    Object type;
    Object created;

    /** The token that starts {@code data}, or null if the body has no {@code data} field. */
    JsonToken dataToken;

    /** The value of a scalar {@code data}. */
    Object dataScalar;

    /** The byte range of an object or array {@code data}, or -1 where the parser has none. */
    long dataStart = -1;

    long dataEnd = -1;

    /** The fields of an object {@code data} of a documented type, once read. */
    Object[] dataFields;

    void readData(JsonParser parser, JsonToken token) throws IOException {
      dataToken = token;
      if (!token.isStructStart()) {
        dataScalar = readScalar(parser, token);
        return;
      }
      EventType known = token == JsonToken.START_OBJECT ? knownType(type) : null;
      if (known != null) {
        dataFields = readDataFields(parser, known);
        return;
      }
      dataStart = parser.currentTokenLocation().getByteOffset();
      skipValue(parser, token);
      dataEnd = parser.currentLocation().getByteOffset();
    }

    /**
     * Reads an object {@code data} that came before a documented {@code type}, with a second
     * parser over its bytes. The first pass has checked the whole body, so this one finds no
     * error.
     */
    void readDataLater(byte[] body) throws IOException {
      EventType known = knownType(type);
      if (root != JsonToken.START_OBJECT
          || known == null
          || dataToken != JsonToken.START_OBJECT
          || dataFields != null) {
        return;
      }
      try (JsonParser parser = dataParser(body)) {
        dataFields = readDataFields(parser, known);
      }
    }

    /** Returns a parser positioned on the start of {@code data}. */
    private JsonParser dataParser(byte[] body) throws IOException {
      if (dataStart >= 0 && dataEnd > dataStart) {
        JsonParser parser =
            FACTORY.createParser(body, (int) dataStart, (int) (dataEnd - dataStart));
        parser.nextToken();
        return parser;
      }
      // A body in UTF-16 or UTF-32 is read through characters and has no byte offsets.
      JsonParser parser = FACTORY.createParser(body);
      parser.nextToken();
      String name;
      while ((name = parser.nextFieldName()) != null) {
        parser.nextToken();
        if (name.equals("data")) {
          return parser;
        }
        parser.skipChildren();
      }
      parser.close();
      throw new IllegalStateException("Field 'data' found in the first pass but not in the second");
    }

    Event toEvent(byte[] body) {
      if (root != JsonToken.START_OBJECT) {
        throw malformed("expected a JSON object at the top level, found " + describe(root));
      }
      String idText = optionalText(id, "id");
      String typeText = requiredText(type, "type");
      Instant createdAt = optionalInstant(created);
      EventData data = toData(typeText, body);
      return new Event(idText, typeText, createdAt, data, body);
    }

    private EventData toData(String typeText, byte[] body) {
      EventType known = EventType.fromWireName(typeText).orElse(null);
      if (known == null) {
        return new UnknownEventData(typeText, rawDataJson(body));
      }
      if (dataToken == null || dataToken == JsonToken.VALUE_NULL) {
        throw malformed("required field 'data' is missing for event type " + typeText);
      }
      if (dataToken != JsonToken.START_OBJECT) {
        Object found = dataToken.isStructStart() ? dataToken : dataScalar;
        throw malformed("field 'data' must be a JSON object, found " + describe(found));
      }
      Object[] f = dataFields;
      return switch (known) {
        case PAYMENT_COMPLETED ->
            new PaymentCompleted(
                requiredText(f[0], "data.payment_id"),
                optionalText(f[1], "data.merchant_id"),
                requiredAmount(f[2], "data.amount"),
                optionalText(f[3], "data.status"),
                optionalText(f[4], "data.customer_id"),
                metadata(f[5]));
        case PAYMENT_FAILED ->
            new PaymentFailed(
                requiredText(f[0], "data.payment_id"),
                requiredText(f[1], "data.error_code"),
                optionalText(f[2], "data.error_message"),
                metadata(f[3]));
        case PAYMENT_EXPIRED -> new PaymentExpired(requiredText(f[0], "data.payment_id"));
        case REFUND_COMPLETED ->
            new RefundCompleted(
                requiredText(f[0], "data.refund_id"),
                requiredText(f[1], "data.payment_id"),
                requiredAmount(f[2], "data.amount"),
                optionalText(f[3], "data.reason"));
        case PAYOUT_PAID ->
            new PayoutPaid(
                requiredText(f[0], "data.payout_id"),
                requiredAmount(f[1], "data.amount"),
                requiredDate(f[2], "data.arrival_date"));
      };
    }

    /**
     * Returns the {@code data} value of an unknown type: an object or array exactly as its bytes
     * appear in the body, so that a fallback handler receives the sender's numbers and strings
     * unchanged; a scalar written back as JSON; {@code null} when the field is absent.
     */
    private String rawDataJson(byte[] body) {
      if (dataToken == null) {
        return "null";
      }
      if (!dataToken.isStructStart()) {
        return toJson(dataScalar);
      }
      // parse() rejects UTF-16 and UTF-32 bodies, so the offsets are byte offsets into UTF-8.
      return new String(body, (int) dataStart, (int) (dataEnd - dataStart), StandardCharsets.UTF_8);
    }
  }
}
