package com.dberi.webhooks;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.SIGNATURE_MISMATCH;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_IN_FUTURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dberi.webhooks.WebhookVerificationException.Reason;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.testing.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

  private static final String SECRET = "whsec_core_test_5f2c9a71e4";
  private static final String OLD_SECRET = "whsec_core_old_0b8d33aa17";
  private static final String OTHER_SECRET = "whsec_core_other_77e1c042";
  private static final Instant NOW = Instant.parse("2026-03-19T10:05:31Z");
  private static final byte[] BODY =
      "{\"id\":\"evt_v1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_v1\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private final WebhookSigner signer = WebhookSigner.withSecret(SECRET);
  private final String signature = signer.signature(BODY);
  private final WebhookVerifier verifier = verifier(SECRET);

  // ---- reasons, statuses and messages ----

  @Test
  void missingSignatureRejected() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, null, at(NOW)));

    assertThat(e.reason()).isEqualTo(MISSING_SIGNATURE);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).startsWith("Missing x-dberi-signature header.");
    assertSafe(e);
  }

  @Test
  void blankSignatureIsMissing() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, " \t ", at(NOW)));

    assertThat(e.reason()).isEqualTo(MISSING_SIGNATURE);
  }

  @Test
  void emptySignatureIsMissing() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, "", at(NOW)));

    assertThat(e.reason()).isEqualTo(MISSING_SIGNATURE);
  }

  @Test
  void malformedSignatureMessage() {
    WebhookVerificationException e =
        rejection(() -> verifier.verify(BODY, "sha256=" + signature, at(NOW)));

    assertThat(e.reason()).isEqualTo(MALFORMED_SIGNATURE);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage())
        .startsWith("Malformed x-dberi-signature header: expected 64 hexadecimal characters")
        .contains("without a prefix such as 'sha256='");
    assertSafe(e);
  }

  @Test
  void mismatchMessage() {
    String wrong = WebhookSigner.withSecret(OTHER_SECRET).signature(BODY);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, wrong, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage())
        .startsWith("Signature mismatch: no signature in x-dberi-signature matches")
        .contains(BODY.length + "-byte body under the configured secret");
    assertThat(e.getMessage()).doesNotContain(wrong);
    assertSafe(e);
  }

  @Test
  void missingTimestampRejected() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, null));

    assertThat(e.reason()).isEqualTo(MISSING_TIMESTAMP);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("Missing x-dberi-timestamp header.");
    assertSafe(e);
  }

  @Test
  void emptyTimestampIsMissing() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, ""));

    assertThat(e.reason()).isEqualTo(MISSING_TIMESTAMP);
  }

  @Test
  void malformedTimestampMessage() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, "soon"));

    assertThat(e.reason()).isEqualTo(MALFORMED_TIMESTAMP);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo(
            "Malformed x-dberi-timestamp header 'soon': expected milliseconds since the epoch as 1"
                + " to 16 decimal digits.");
    assertSafe(e);
  }

  @Test
  void tooOldMessage() {
    Instant sent = NOW.minus(Duration.ofMinutes(10));

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, at(sent)));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_TOO_OLD);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .startsWith(
            "Delivery too old: x-dberi-timestamp 2026-03-19T09:55:31Z is 600.000 s behind this"
                + " server's clock, more than the tolerance of 300.000 s.");
    assertSafe(e);
  }

  @Test
  void inFutureMessage() {
    Instant sent = NOW.plus(Duration.ofMinutes(10));

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, at(sent)));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_IN_FUTURE);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .startsWith(
            "Delivery timestamp in the future: x-dberi-timestamp 2026-03-19T10:15:31Z is 600.000 s"
                + " ahead of this server's clock, more than the tolerance of 300.000 s.");
    assertSafe(e);
  }

  @Test
  void malformedPayloadMessage() {
    byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

    WebhookVerificationException e =
        rejection(() -> verifier.verifyAndParse(body, signer.signature(body), at(NOW)));

    assertThat(e.reason()).isEqualTo(MALFORMED_PAYLOAD);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("Malformed event payload: the body is not valid JSON");
    assertThat(e.getMessage()).doesNotContain(signer.signature(body));
    assertSafe(e);
  }

  @Test
  void reasonStatusesAreFixed() {
    Map<Reason, Integer> expected =
        Map.of(
            MISSING_SIGNATURE, 401,
            MALFORMED_SIGNATURE, 401,
            SIGNATURE_MISMATCH, 401,
            MISSING_TIMESTAMP, 400,
            MALFORMED_TIMESTAMP, 400,
            TIMESTAMP_TOO_OLD, 400,
            TIMESTAMP_IN_FUTURE, 400,
            MALFORMED_PAYLOAD, 400);

    for (Reason reason : Reason.values()) {
      assertThat(reason.httpStatus()).as(reason.name()).isEqualTo(expected.get(reason));
    }
  }

  @Test
  void signatureCheckedBeforeTimestamp() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, "00", null));

    assertThat(e.reason()).isEqualTo(MALFORMED_SIGNATURE);
  }

  @Test
  void nullPayloadRejected() {
    assertThatThrownBy(() -> verifier.verify(null, signature, at(NOW)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payload");
  }

  // ---- signature header formats ----

  @Test
  void validSignatureAccepted() {
    assertThatCode(() -> verifier.verify(BODY, signature, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void upperCaseHexAccepted() {
    String upper = signature.toUpperCase(Locale.ROOT);

    assertThatCode(() -> verifier.verify(BODY, upper, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void mixedCaseHexAccepted() {
    String mixed = signature.substring(0, 32).toUpperCase(Locale.ROOT) + signature.substring(32);

    assertThatCode(() -> verifier.verify(BODY, mixed, at(NOW))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {" %s", "%s ", "\t%s\t", " \t%s \t"})
  void surroundingWhitespaceAccepted(String format) {
    String header = String.format(format, signature);
    String timestamp = String.format(format, at(NOW));

    assertThatCode(() -> verifier.verify(BODY, header, timestamp)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"%s,%s", "%s, %s", "%s %s", "%s\t%s", "%s , %s", ",%s,,%s,"})
  void anyOfSeveralSignaturesPasses(String format) {
    String wrong = WebhookSigner.withSecret(OTHER_SECRET).signature(BODY);

    String wrongFirst = String.format(format, wrong, signature);
    String rightFirst = String.format(format, signature, wrong);

    assertThatCode(() -> verifier.verify(BODY, wrongFirst, at(NOW))).doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(BODY, rightFirst, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void malformedTokenBesideValidPasses() {
    String header = "sha256=abc, " + signature;

    assertThatCode(() -> verifier.verify(BODY, header, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void severalWrongSignaturesMismatch() {
    String header =
        WebhookSigner.withSecret(OTHER_SECRET).signature(BODY)
            + ","
            + WebhookSigner.withSecret(OLD_SECRET).signature(BODY);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, header, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void shortSignatureMalformed() {
    assertMalformedSignature(signature.substring(0, 63));
  }

  @Test
  void longSignatureMalformed() {
    assertMalformedSignature(signature + "0");
  }

  @Test
  void signaturePlusByteMalformed() {
    assertMalformedSignature(signature + "00");
  }

  @Test
  void nonHexSignatureMalformed() {
    assertMalformedSignature("g".repeat(64));
  }

  @Test
  void prefixedSignatureMalformed() {
    assertMalformedSignature("sha256=" + signature);
  }

  @Test
  void base64SignatureMalformed() {
    assertMalformedSignature("W7zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  }

  /** Fullwidth digits are digits to Character.digit, but never hex to the verifier. */
  @Test
  void fullwidthDigitsMalformed() {
    StringBuilder fullwidth = new StringBuilder();
    for (char c : signature.toCharArray()) {
      fullwidth.append(c >= '0' && c <= '9' ? (char) ('\uFF10' + (c - '0')) : c);
    }

    assertMalformedSignature(fullwidth.toString());
  }

  @Test
  void arabicIndicDigitsMalformed() {
    assertMalformedSignature("\u0661".repeat(64));
  }

  @Test
  void controlCharacterInSignatureMalformed() {
    assertMalformedSignature(signature.substring(0, 32) + "\n" + signature.substring(32));
  }

  @Test
  void malformedCountsValues() {
    WebhookVerificationException e =
        rejection(() -> verifier.verify(BODY, "abc, def, 123", at(NOW)));

    assertThat(e.getMessage()).contains("found 3 values of another length or with other characters");
  }

  @Test
  void headerAtLengthLimitAccepted() {
    String header = " ".repeat(1024 - 64) + signature;

    assertThat(header).hasSize(1024);
    assertThatCode(() -> verifier.verify(BODY, header, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void headerOverLengthLimitMalformed() {
    String header = " ".repeat(1025 - 64) + signature;

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, header, at(NOW)));

    assertThat(e.reason()).isEqualTo(MALFORMED_SIGNATURE);
    assertThat(e.getMessage())
        .isEqualTo("Malformed x-dberi-signature header: 1025 characters, more than the 1024 allowed.");
  }

  @Test
  void hugeHeaderMalformed() {
    String header = (signature + ",").repeat(100_000);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, header, at(NOW)));

    assertThat(e.reason()).isEqualTo(MALFORMED_SIGNATURE);
    assertSafe(e);
  }

  // ---- rotation ----

  @Test
  void rotationAcceptsOldSecret() {
    WebhookVerifier rotating = verifier(SECRET, OLD_SECRET);
    String old = WebhookSigner.withSecret(OLD_SECRET).signature(BODY);

    assertThatCode(() -> rotating.verify(BODY, old, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void rotationAcceptsNewSecret() {
    WebhookVerifier rotating = verifier(SECRET, OLD_SECRET);

    assertThatCode(() -> rotating.verify(BODY, signature, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void rotationRejectsThirdSecret() {
    WebhookVerifier rotating = verifier(SECRET, OLD_SECRET);
    String other = WebhookSigner.withSecret(OTHER_SECRET).signature(BODY);

    WebhookVerificationException e = rejection(() -> rotating.verify(BODY, other, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
    assertThat(e.getMessage()).contains("under any of the 2 configured secrets");
    assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(OLD_SECRET);
  }

  @Test
  void secretsListAddsEach() {
    WebhookVerifier rotating =
        WebhookVerifier.builder()
            .secrets(List.of(SECRET, OLD_SECRET))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    assertThat(rotating.secretCount()).isEqualTo(2);
  }

  @Test
  void duplicateSecretCountedOnce() {
    WebhookVerifier twice = verifier(SECRET, SECRET + "\n");

    assertThat(twice.secretCount()).isEqualTo(1);
  }

  // ---- tolerance ----

  @Test
  void exactlyFiveMinutesOldAccepted() {
    Instant sent = NOW.minus(Duration.ofMinutes(5));

    assertThatCode(() -> verifier.verify(BODY, signature, at(sent))).doesNotThrowAnyException();
  }

  @Test
  void exactlyFiveMinutesAheadAccepted() {
    Instant sent = NOW.plus(Duration.ofMinutes(5));

    assertThatCode(() -> verifier.verify(BODY, signature, at(sent))).doesNotThrowAnyException();
  }

  @Test
  void oneMillisecondTooOld() {
    Instant sent = NOW.minus(Duration.ofMinutes(5)).minusMillis(1);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, at(sent)));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_TOO_OLD);
    assertThat(e.getMessage()).contains("is 300.001 s behind");
  }

  @Test
  void oneMillisecondTooFarAhead() {
    Instant sent = NOW.plus(Duration.ofMinutes(5)).plusMillis(1);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, at(sent)));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_IN_FUTURE);
    assertThat(e.getMessage()).contains("is 300.001 s ahead");
  }

  @Test
  void customToleranceEdges() {
    WebhookVerifier strict =
        WebhookVerifier.builder()
            .secret(SECRET)
            .tolerance(Duration.ofSeconds(30))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    Instant edge = NOW.minusSeconds(30);
    Instant beyond = edge.minusMillis(1);

    assertThat(strict.tolerance()).isEqualTo(Duration.ofSeconds(30));
    assertThatCode(() -> strict.verify(BODY, signature, at(edge))).doesNotThrowAnyException();
    WebhookVerificationException e = rejection(() -> strict.verify(BODY, signature, at(beyond)));
    assertThat(e.reason()).isEqualTo(TIMESTAMP_TOO_OLD);
    assertThat(e.getMessage()).contains("more than the tolerance of 30.000 s");
  }

  @Test
  void defaultToleranceFiveMinutes() {
    assertThat(verifier.tolerance()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void maximumToleranceAccepted() {
    WebhookVerifier wide =
        WebhookVerifier.builder().secret(SECRET).tolerance(Duration.ofHours(1)).build();

    assertThat(wide.tolerance()).isEqualTo(Duration.ofHours(1));
  }

  // ---- builder ----

  @Test
  void zeroToleranceRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be at least 1 ms and at most PT1H, was PT0S");
  }

  @Test
  void negativeToleranceRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be at least 1 ms and at most PT1H, was PT-1S");
  }

  @Test
  void subMillisecondToleranceRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be at least 1 ms and at most PT1H, was PT0.000999999S");
  }

  @Test
  void toleranceOverHourRejected() {
    Duration justOver = Duration.ofHours(1).plusNanos(1);

    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(justOver))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be at least 1 ms and at most PT1H, was PT1H0.000000001S");
  }

  @Test
  void nullToleranceRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tolerance");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "\t \r\n"})
  void blankSecretRejected(String blank) {
    assertThatThrownBy(() -> WebhookVerifier.builder().secret(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The webhook secret is blank; pass the endpoint's signing secret from the Dberi"
                + " dashboard (is the environment variable set?)");
  }

  @Test
  void nullSecretRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().secret(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The webhook secret is missing (null); pass the endpoint's signing secret from the"
                + " Dberi dashboard (is the environment variable set?)");
  }

  @Test
  void blankSecretInListRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().secrets(List.of(SECRET, " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The webhook secret is blank");
  }

  @Test
  void missingSecretRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No webhook secret configured; call secret(...) with the endpoint's signing secret"
                + " from the Dberi dashboard");
  }

  @Test
  void nullClockRejected() {
    assertThatThrownBy(() -> WebhookVerifier.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @Test
  void trailingNewlineStripped() {
    WebhookVerifier fromFile = verifier(SECRET + "\n");

    assertThatCode(() -> fromFile.verify(BODY, signature, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void surroundingWhitespaceStripped() {
    WebhookVerifier padded = verifier("  " + SECRET + "\r\n");

    assertThatCode(() -> padded.verify(BODY, signature, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void innerWhitespaceKept() {
    WebhookVerifier spaced = verifier("whsec with space");
    String joined = WebhookSigner.withSecret("whsecwithspace").signature(BODY);

    WebhookVerificationException e = rejection(() -> spaced.verify(BODY, joined, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  /** The secret's key bytes are its UTF-8 encoding, computed here with the JDK Mac directly. */
  @Test
  void nonAsciiSecretKeyIsUtf8() throws Exception {
    String secret = "whsec_clé_😀";
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal(BODY));
    WebhookVerifier unicode = verifier(secret);

    assertThat(WebhookSigner.withSecret(secret).signature(BODY)).isEqualTo(expected);
    assertThatCode(() -> unicode.verify(BODY, expected, at(NOW))).doesNotThrowAnyException();
  }

  @Test
  void toStringHidesSecret() {
    WebhookVerifier rotating = verifier(SECRET, OLD_SECRET);

    assertThat(rotating.toString()).isEqualTo("WebhookVerifier{secrets=2, tolerance=PT5M}");
    assertThat(rotating.toString()).doesNotContain(SECRET).doesNotContain(OLD_SECRET);
  }

  // ---- timestamp header values ----

  @Test
  void secondsTimestampAccepted() {
    String seconds = Long.toString(NOW.getEpochSecond());

    assertThatCode(() -> verifier.verify(BODY, signature, seconds)).doesNotThrowAnyException();
  }

  @Test
  void staleSecondsTimestampTooOld() {
    String seconds = Long.toString(NOW.getEpochSecond() - 301);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, seconds));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_TOO_OLD);
  }

  @Test
  void belowThresholdReadAsSeconds() {
    assertThat(WebhookVerifier.parseTimestampMillis("99999999999")).isEqualTo(99_999_999_999_000L);
  }

  @Test
  void atThresholdReadAsMillis() {
    assertThat(WebhookVerifier.parseTimestampMillis("100000000000")).isEqualTo(100_000_000_000L);
  }

  @Test
  void sixteenDigitsParsed() {
    assertThat(WebhookVerifier.parseTimestampMillis("9999999999999999"))
        .isEqualTo(9_999_999_999_999_999L);
  }

  @Test
  void sixteenDigitsInFuture() {
    WebhookVerificationException e =
        rejection(() -> verifier.verify(BODY, signature, "9999999999999999"));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_IN_FUTURE);
  }

  @Test
  void zeroTimestampTooOld() {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, "0"));

    assertThat(e.reason()).isEqualTo(TIMESTAMP_TOO_OLD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "soon",
        "1773914731000abc",
        "1773914731000 1",
        "-1773914731000",
        "+1773914731000",
        "1773914731000.0",
        "1.773914731E12",
        "0x19cd",
        "12345678901234567",
        "99999999999999999999999",
        "\uFF11\uFF17\uFF17\uFF13"
      })
  void malformedTimestampRejected(String value) {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, value));

    assertThat(e.reason()).isEqualTo(MALFORMED_TIMESTAMP);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("Malformed x-dberi-timestamp header '");
  }

  @Test
  void timestampControlCharactersMasked() {
    WebhookVerificationException e =
        rejection(() -> verifier.verify(BODY, signature, "1\r\nX-Forged: yes"));

    assertThat(e.getMessage()).contains("'1??X-Forged: yes'");
  }

  @Test
  void longTimestampTruncatedInMessage() {
    String value = "9".repeat(500);

    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, signature, value));

    assertThat(e.getMessage()).contains("'" + "9".repeat(64) + "…'");
    assertThat(e.getMessage()).doesNotContain("9".repeat(65));
  }

  // ---- body integrity ----

  @Test
  void everyBitFlipRejected() {
    String timestamp = at(NOW);

    for (int position = 0; position < BODY.length; position++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] changed = BODY.clone();
        changed[position] ^= (byte) (1 << bit);

        Throwable thrown = catchThrowable(() -> verifier.verify(changed, signature, timestamp));

        assertThat(thrown).as("byte %d bit %d", position, bit)
            .isInstanceOf(WebhookVerificationException.class);
        assertThat(((WebhookVerificationException) thrown).reason())
            .as("byte %d bit %d", position, bit)
            .isEqualTo(SIGNATURE_MISMATCH);
      }
    }
  }

  @Test
  void truncatedBodyRejected() {
    byte[] shorter = java.util.Arrays.copyOf(BODY, BODY.length - 1);

    WebhookVerificationException e = rejection(() -> verifier.verify(shorter, signature, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void appendedNewlineRejected() {
    byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
    longer[BODY.length] = '\n';

    WebhookVerificationException e = rejection(() -> verifier.verify(longer, signature, at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void emptyBodySignatureVerifies() {
    byte[] empty = new byte[0];

    assertThatCode(() -> verifier.verify(empty, signer.signature(empty), at(NOW)))
        .doesNotThrowAnyException();
  }

  @Test
  void multibyteBodyVerifiesAndParses() {
    String json =
        "{\"id\":\"evt_utf8\",\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"pay_ü\","
            + "\"amount\":100,\"metadata\":{\"note\":\"Café – Ελληνικά – 日本語 – 😀🇪🇹\"}}}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);

    Event event = verifier.verifyAndParse(body, signer.signature(body), at(NOW));

    PaymentCompleted data = event.data(PaymentCompleted.class);
    assertThat(data.paymentId()).isEqualTo("pay_ü");
    assertThat(data.metadata()).containsEntry("note", "Café – Ελληνικά – 日本語 – 😀🇪🇹");
    assertThat(event.json()).isEqualTo(json);
  }

  @Test
  void multibyteSignedAsLatin1Rejected() {
    String json =
        "{\"id\":\"evt_utf8\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_ü😀\"}}";
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = json.getBytes(StandardCharsets.ISO_8859_1);

    WebhookVerificationException e =
        rejection(() -> verifier.verify(latin1, signer.signature(utf8), at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void bomBodyVerifiesAndParses() {
    String json = "{\"id\":\"evt_bom\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}";
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[text.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(text, 0, body, 3, text.length);

    Event event = verifier.verifyAndParse(body, signer.signature(body), at(NOW));

    assertThat(event.id()).contains("evt_bom");
    assertThat(event.json()).isEqualTo(json);
    assertThat(event.body()).isEqualTo(body);
  }

  @Test
  void bomStrippedBodyRejected() {
    String json = "{\"id\":\"evt_bom\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}";
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);

    WebhookVerificationException e =
        rejection(() -> verifier.verify(text, signer.signature(withBom), at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void crlfBodyVerifiesAndParses() {
    String json =
        "{\r\n  \"id\": \"evt_crlf\",\r\n  \"type\": \"payment.expired\",\r\n"
            + "  \"data\": {\r\n    \"payment_id\": \"pay_crlf\"\r\n  }\r\n}\r\n";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);

    Event event = verifier.verifyAndParse(body, signer.signature(body), at(NOW));

    assertThat(event.id()).contains("evt_crlf");
    assertThat(event.json()).isEqualTo(json);
  }

  @Test
  void crlfConvertedToLfRejected() {
    String json = "{\r\n\"id\":\"evt_crlf\",\r\n\"type\":\"payment.expired\"}\r\n";
    byte[] signed = json.getBytes(StandardCharsets.UTF_8);
    byte[] converted = json.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);

    WebhookVerificationException e =
        rejection(() -> verifier.verify(converted, signer.signature(signed), at(NOW)));

    assertThat(e.reason()).isEqualTo(SIGNATURE_MISMATCH);
  }

  @Test
  void trailingNewlineBodyVerifiesAndParses() {
    String json = "{\"id\":\"evt_nl\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}\n";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);

    Event event = verifier.verifyAndParse(body, signer.signature(body), at(NOW));

    assertThat(event.id()).contains("evt_nl");
    assertThat(event.json()).isEqualTo(json);
  }

  @Test
  void verifierIsThreadSafe() throws Exception {
    int threads = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  int passed = 0;
                  for (int i = 0; i < 200; i++) {
                    byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                    verifier.verify(body, signer.signature(body), at(NOW));
                    passed++;
                  }
                  return passed;
                }));
      }
      for (java.util.concurrent.Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers ----

  private void assertMalformedSignature(String header) {
    WebhookVerificationException e = rejection(() -> verifier.verify(BODY, header, at(NOW)));

    assertThat(e.reason()).as(header).isEqualTo(MALFORMED_SIGNATURE);
    assertThat(e.httpStatus()).as(header).isEqualTo(401);
    assertThat(e.getMessage()).as(header).startsWith("Malformed x-dberi-signature header");
    assertSafe(e);
  }

  /** Asserts the message holds neither the secret nor the expected signature, in either case. */
  private void assertSafe(WebhookVerificationException e) {
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(e.getMessage()).doesNotContain(signature);
    assertThat(e.getMessage()).doesNotContain(signature.toUpperCase(Locale.ROOT));
    assertThat(e.getMessage()).doesNotContain(signature.substring(0, 16));
  }

  private static WebhookVerificationException rejection(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
    return (WebhookVerificationException) thrown;
  }

  private static WebhookVerifier verifier(String... secrets) {
    return WebhookVerifier.builder()
        .secrets(List.of(secrets))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static String at(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }
}
