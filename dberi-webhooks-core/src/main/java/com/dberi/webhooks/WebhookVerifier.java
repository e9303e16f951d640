package com.dberi.webhooks;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.SIGNATURE_MISMATCH;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_IN_FUTURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a delivery came from Dberi and is recent, and parses it into an {@link Event}.
 *
 * <p>A delivery is genuine when its {@code x-dberi-signature} header holds the lowercase or
 * uppercase hex HMAC-SHA256 of the raw request body under one of the configured secrets, and
 * recent when its {@code x-dberi-timestamp} header (milliseconds since the epoch) lies within the
 * tolerance of this server's clock, in the past or the future. Verification works on the exact
 * bytes received: never pass a body that a framework parsed and serialized again.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .secret(System.getenv("DBERI_WEBHOOK_SECRET"))
 *     .build();
 * Event event = verifier.verifyAndParse(body, signatureHeader, timestampHeader);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; build one per endpoint and share it. Failures throw
 * the unchecked {@link WebhookVerificationException}, whose {@link
 * WebhookVerificationException#reason() reason} distinguishes a wrong signature (401) from a stale
 * timestamp or a malformed body (400).
 *
 * <p>Note: the timestamp header is not covered by the signature, so the tolerance alone does not
 * stop a replay within the window. The {@link WebhookProcessor}'s idempotency store does.
 */
public final class WebhookVerifier {

  /** Name of the header that carries the signature. HTTP header names are case-insensitive. */
  public static final String SIGNATURE_HEADER = "x-dberi-signature";

  /** Name of the header that carries the delivery time in milliseconds since the epoch. */
  public static final String TIMESTAMP_HEADER = "x-dberi-timestamp";

  /** Default tolerance between the delivery timestamp and this server's clock: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Largest tolerance the builder accepts; a wider window only helps replays. */
  public static final Duration MAX_TOLERANCE = Duration.ofHours(1);

  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_BYTES = 32;
  private static final int SIGNATURE_HEX_LENGTH = SIGNATURE_BYTES * 2;
  private static final int MAX_SIGNATURE_HEADER_LENGTH = 1024;
  private static final int MAX_TIMESTAMP_DIGITS = 16;
  private static final long SECONDS_THRESHOLD = 100_000_000_000L;

  private final List<SecretKeySpec> keys;
  private final Duration tolerance;
  private final long toleranceMillis;
  private final Clock clock;
  private final ThreadLocal<Mac[]> macs;

  private WebhookVerifier(Builder builder) {
    List<SecretKeySpec> specs = new ArrayList<>(builder.secrets.size());
    for (String secret : builder.secrets) {
      specs.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }
    this.keys = List.copyOf(specs);
    this.tolerance = builder.tolerance;
    this.toleranceMillis = builder.tolerance.toMillis();
    this.clock = builder.clock;
    // One initialised Mac per secret and thread: Mac is not thread-safe and costly to look up.
    this.macs = ThreadLocal.withInitial(this::createMacs);
  }

  /** Returns a builder; at least one secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns how far the delivery timestamp may lie from this server's clock, in either direction. */
  public Duration tolerance() {
    return tolerance;
  }

  /** Returns the number of configured secrets (never the secrets themselves). */
  public int secretCount() {
    return keys.size();
  }

  /**
   * Verifies the signature and the timestamp of a delivery.
   *
   * @param payload the raw request body, exactly as received
   * @param signatureHeader the value of {@code x-dberi-signature}, or {@code null} when absent
   * @param timestampHeader the value of {@code x-dberi-timestamp}, or {@code null} when absent
   * @throws WebhookVerificationException if the signature is missing, malformed or matches no
   *     secret (401), or the timestamp is missing, malformed or outside the tolerance (400)
   * @throws NullPointerException if {@code payload} is null
   */
  public void verify(byte[] payload, String signatureHeader, String timestampHeader) {
    Objects.requireNonNull(payload, "payload");
    verifySignature(payload, signatureHeader);
    verifyTimestamp(timestampHeader);
  }

  /**
   * Verifies a delivery like {@link #verify} and parses its body into an {@link Event}.
   *
   * @throws WebhookVerificationException as {@link #verify} does, and with reason {@code
   *     MALFORMED_PAYLOAD} if the body is not an event: not JSON, over a parser limit, or a
   *     documented type missing a required field (the message names the field)
   */
  public Event verifyAndParse(byte[] payload, String signatureHeader, String timestampHeader) {
    verify(payload, signatureHeader, timestampHeader);
    return EventParser.parse(payload);
  }

  private void verifySignature(byte[] payload, String header) {
    checkSignatureHeader(header);
    Mac[] threadMacs = macs.get();
    for (Mac mac : threadMacs) {
      byte[] expected = mac.doFinal(payload);
      if (matchesAnySignature(expected, header)) {
        return;
      }
    }
    throw new WebhookVerificationException(
        SIGNATURE_MISMATCH,
        "Signature mismatch: no signature in "
            + SIGNATURE_HEADER
            + " matches the HMAC-SHA256 of the "
            + payload.length
            + "-byte body under "
            + (keys.size() == 1 ? "the configured secret" : "any of the " + keys.size() + " configured secrets")
            + ". Check that the secret is this endpoint's current signing secret, and that no proxy,"
            + " JSON converter or line-ending conversion changed the body before verification.");
  }

  /**
   * Checks that the header is present, within its length limit and contains at least one well-formed
   * signature, and throws otherwise. It allocates nothing, so a delivery costs little beyond its
   * HMAC.
   */
  private static void checkSignatureHeader(String header) {
    if (header == null || isBlank(header)) {
      throw new WebhookVerificationException(
          MISSING_SIGNATURE,
          "Missing "
              + SIGNATURE_HEADER
              + " header. Dberi signs every delivery; check that no proxy or gateway strips the"
              + " header and that the request comes from Dberi.");
    }
    if (header.length() > MAX_SIGNATURE_HEADER_LENGTH) {
      throw new WebhookVerificationException(
          MALFORMED_SIGNATURE,
          "Malformed "
              + SIGNATURE_HEADER
              + " header: "
              + header.length()
              + " characters, more than the "
              + MAX_SIGNATURE_HEADER_LENGTH
              + " allowed.");
    }
    int tokens = 0;
    boolean wellFormed = false;
    int start = 0;
    int length = header.length();
    while (start < length) {
      while (start < length && isSeparator(header.charAt(start))) {
        start++;
      }
      int end = tokenEnd(header, start);
      if (end > start) {
        tokens++;
        wellFormed |= isHexSignature(header, start, end);
      }
      start = end;
    }
    if (!wellFormed) {
      throw new WebhookVerificationException(
          MALFORMED_SIGNATURE,
          "Malformed "
              + SIGNATURE_HEADER
              + " header: expected "
              + SIGNATURE_HEX_LENGTH
              + " hexadecimal characters (an HMAC-SHA256), found "
              + (tokens == 1 ? "a value" : tokens + " values")
              + " of another length or with other characters. Dberi sends the bare hex digest,"
              + " without a prefix such as 'sha256='.");
    }
  }

  /** Returns whether a well-formed signature in the header equals {@code expected}. */
  private static boolean matchesAnySignature(byte[] expected, String header) {
    int start = 0;
    int length = header.length();
    while (start < length) {
      while (start < length && isSeparator(header.charAt(start))) {
        start++;
      }
      int end = tokenEnd(header, start);
      if (end - start == SIGNATURE_HEX_LENGTH && equalsHex(expected, header, start)) {
        return true;
      }
      start = end;
    }
    return false;
  }

  private static int tokenEnd(String header, int start) {
    int end = start;
    while (end < header.length() && !isSeparator(header.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Returns whether the token is exactly 64 ASCII hex digits. */
  private static boolean isHexSignature(String text, int start, int end) {
    if (end - start != SIGNATURE_HEX_LENGTH) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (hexValue(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares {@code expected} with the 64 hex digits at {@code start}, decoding them in place. Like
   * {@link MessageDigest#isEqual}, it runs over all 32 bytes whatever their content, so its time
   * does not reveal how many leading bytes of the expected signature match.
   */
  private static boolean equalsHex(byte[] expected, String text, int start) {
    int difference = 0;
    int invalid = 0;
    for (int i = 0; i < SIGNATURE_BYTES; i++) {
      int high = hexValue(text.charAt(start + 2 * i));
      int low = hexValue(text.charAt(start + 2 * i + 1));
      // hexValue returns -1 for a character that is not a hex digit, which makes invalid negative.
      invalid |= high | low;
      difference |= expected[i] ^ (byte) ((high << 4) | low);
    }
    return invalid >= 0 && difference == 0;
  }

  /** Returns the value of an ASCII hex digit, or -1; unlike Character.digit it rejects non-ASCII digits. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ' ' || c == '\t';
  }

  private void verifyTimestamp(String header) {
    long timestamp = parseTimestampMillis(header);
    long now = clock.millis();
    long ageMillis = now - timestamp;
    if (ageMillis > toleranceMillis) {
      throw new WebhookVerificationException(
          TIMESTAMP_TOO_OLD,
          "Delivery too old: "
              + TIMESTAMP_HEADER
              + " "
              + Instant.ofEpochMilli(timestamp)
              + " is "
              + seconds(ageMillis)
              + " behind this server's clock, more than the tolerance of "
              + seconds(toleranceMillis)
              + ". A replayed or long-delayed delivery is rejected; if every delivery fails this"
              + " way, check this server's clock (NTP).");
    }
    if (-ageMillis > toleranceMillis) {
      throw new WebhookVerificationException(
          TIMESTAMP_IN_FUTURE,
          "Delivery timestamp in the future: "
              + TIMESTAMP_HEADER
              + " "
              + Instant.ofEpochMilli(timestamp)
              + " is "
              + seconds(-ageMillis)
              + " ahead of this server's clock, more than the tolerance of "
              + seconds(toleranceMillis)
              + ". Check this server's clock (NTP); a clock skew of this size also breaks TLS and"
              + " logs.");
    }
  }

  /**
   * Parses the timestamp header into epoch milliseconds. Values below 10^11 are read as seconds,
   * because some senders send seconds and 10^11 ms is in 1973.
   */
  static long parseTimestampMillis(String header) {
    if (header == null || isBlank(header)) {
      throw new WebhookVerificationException(
          MISSING_TIMESTAMP,
          "Missing "
              + TIMESTAMP_HEADER
              + " header. Deliveries without a timestamp are rejected because their age cannot be"
              + " checked; check that no proxy or gateway strips the header.");
    }
    String value = trimOptionalWhitespace(header);
    if (value.length() > MAX_TIMESTAMP_DIGITS || !isDigits(value)) {
      throw new WebhookVerificationException(
          MALFORMED_TIMESTAMP,
          "Malformed "
              + TIMESTAMP_HEADER
              + " header '"
              + LogSafe.truncate(value)
              + "': expected milliseconds since the epoch as 1 to "
              + MAX_TIMESTAMP_DIGITS
              + " decimal digits.");
    }
    long parsed = Long.parseLong(value);
    return parsed < SECONDS_THRESHOLD ? parsed * 1000 : parsed;
  }

  private static boolean isDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(String value) {
    return trimOptionalWhitespace(value).isEmpty();
  }

  /** Strips spaces and tabs, the optional whitespace that HTTP allows around a header value. */
  private static String trimOptionalWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return value.substring(start, end);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
  }

  private Mac[] createMacs() {
    Mac[] created = new Mac[keys.size()];
    try {
      for (int i = 0; i < created.length; i++) {
        created[i] = Mac.getInstance(ALGORITHM);
        created[i].init(keys.get(i));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM provides no " + ALGORITHM + " implementation", e);
    }
    return created;
  }

  /** Returns the number of secrets and the tolerance; never a secret. */
  @Override
  public String toString() {
    return "WebhookVerifier{secrets=" + keys.size() + ", tolerance=" + tolerance + "}";
  }

  /**
   * Builds a {@link WebhookVerifier}. Each setter checks its argument at once; {@link #build()}
   * checks that a secret was given. Not thread-safe.
   */
  public static final class Builder {

    private final Set<String> secrets = new LinkedHashSet<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a signing secret, as shown for the endpoint in the Dberi dashboard. Whitespace around it,
     * such as the trailing newline of a file or an environment variable, is removed.
     *
     * <p>Call it twice, or use {@link #secrets}, while rotating: a delivery signed with any
     * configured secret passes.
     *
     * @throws IllegalArgumentException if the secret is null or blank
     */
    public Builder secret(String secret) {
      if (secret == null) {
        // System.getenv returns null for an unset variable, the most common way to get here.
        throw new IllegalArgumentException(
            "The webhook secret is missing (null); pass the endpoint's signing secret from the"
                + " Dberi dashboard (is the environment variable set?)");
      }
      String stripped = secret.strip();
      if (stripped.isEmpty()) {
        throw new IllegalArgumentException(
            "The webhook secret is blank; pass the endpoint's signing secret from the Dberi"
                + " dashboard (is the environment variable set?)");
      }
      secrets.add(stripped);
      return this;
    }

    /**
     * Adds several signing secrets, for example the new and the old one during a rotation.
     *
     * @throws IllegalArgumentException if any secret is blank
     */
    public Builder secrets(Collection<String> secrets) {
      Objects.requireNonNull(secrets, "secrets");
      for (String secret : secrets) {
        secret(secret);
      }
      return this;
    }

    /**
     * Sets how far the delivery timestamp may lie from this server's clock, in the past or the
     * future. The default is 5 minutes.
     *
     * @throws IllegalArgumentException if the tolerance is under one millisecond or over one hour
     */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      // Timestamps have millisecond resolution, so a shorter tolerance would act as zero.
      if (tolerance.compareTo(Duration.ofMillis(1)) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
        throw new IllegalArgumentException(
            "tolerance must be at least 1 ms and at most "
                + MAX_TOLERANCE
                + ", was "
                + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Sets the clock that timestamps are compared with; tests pass a fixed clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if no secret was given
     */
    public WebhookVerifier build() {
      if (secrets.isEmpty()) {
        throw new IllegalStateException(
            "No webhook secret configured; call secret(...) with the endpoint's signing secret"
                + " from the Dberi dashboard");
      }
      return new WebhookVerifier(this);
    }
  }
}
