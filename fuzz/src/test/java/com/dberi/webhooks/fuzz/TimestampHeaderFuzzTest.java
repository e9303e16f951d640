package com.dberi.webhooks.fuzz;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_TIMESTAMP;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_IN_FUTURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dberi.webhooks.WebhookVerificationException;
import com.dberi.webhooks.WebhookVerificationException.Reason;
import com.dberi.webhooks.WebhookVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code x-dberi-timestamp} header: a validly signed body with an arbitrary header,
 * decoded from the input as UTF-8, checked against a fixed clock.
 *
 * <p>Besides the common contract, the outcome must match the documented rule, computed here
 * independently: spaces and tabs around the value are ignored, the value is 1 to 16 ASCII digits,
 * values below 10^11 are seconds and the others milliseconds, and the result lies within 5 minutes
 * of the clock in either direction.
 */
class TimestampHeaderFuzzTest {

  private static final WebhookVerifier VERIFIER = Deliveries.fixedClockVerifier();
  private static final String SIGNATURE = Deliveries.SIGNER.signature(Deliveries.SAMPLE_BODY);
  private static final BigInteger SECONDS_THRESHOLD = BigInteger.valueOf(100_000_000_000L);

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void timestampHeader(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    Reason[] rejection = new Reason[1];

    boolean passed =
        Invariants.passedOrRejected(
            () -> {
              try {
                VERIFIER.verify(Deliveries.SAMPLE_BODY, SIGNATURE, header);
              } catch (WebhookVerificationException e) {
                rejection[0] = e.reason();
                throw e;
              }
            },
            Set.of(MISSING_TIMESTAMP, MALFORMED_TIMESTAMP, TIMESTAMP_TOO_OLD, TIMESTAMP_IN_FUTURE),
            header,
            Deliveries.SECRET,
            SIGNATURE);

    Reason expected = expectedRejection(header);
    Reason actual = passed ? null : rejection[0];
    if (expected != actual) {
      throw new AssertionError(
          "Timestamp header of "
              + input.length
              + " bytes: expected "
              + (expected == null ? "acceptance" : expected)
              + ", got "
              + (actual == null ? "acceptance" : actual));
    }
  }

  /** Returns the documented outcome for {@code header}: null for acceptance, else the reason. */
  private static Reason expectedRejection(String header) {
    String value = header.replaceAll("^[ \t]+|[ \t]+$", "");
    if (value.isEmpty()) {
      return MISSING_TIMESTAMP;
    }
    if (value.length() > 16 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return MALFORMED_TIMESTAMP;
    }
    BigInteger parsed = new BigInteger(value);
    BigInteger millis =
        parsed.compareTo(SECONDS_THRESHOLD) < 0 ? parsed.multiply(BigInteger.valueOf(1000)) : parsed;
    long age = Deliveries.NOW.toEpochMilli() - millis.longValueExact();
    if (age > Deliveries.TOLERANCE_MILLIS) {
      return TIMESTAMP_TOO_OLD;
    }
    if (-age > Deliveries.TOLERANCE_MILLIS) {
      return TIMESTAMP_IN_FUTURE;
    }
    return null;
  }
}
