package com.dberi.webhooks.fuzz;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;
import static com.dberi.webhooks.WebhookVerificationException.Reason.SIGNATURE_MISMATCH;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the whole {@code verifyAndParse} on arbitrary bodies, once with a valid signature and once
 * with the signature of another secret.
 */
class VerifyAndParseFuzzTest {

  private static final WebhookVerifier VERIFIER = Deliveries.fixedClockVerifier();

  /**
   * Signs the input validly and presents the headers in one of four accepted forms, chosen from the
   * input: plain, upper-case hex inside spaces and a tab, behind a wrong signature, or with the
   * timestamp in seconds. The timestamp lies within the tolerance, so only the body may be rejected.
   */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void validSignature(byte[] body) {
    String signature = Deliveries.SIGNER.signature(body);
    long skewMillis = Math.floorMod(Arrays.hashCode(body), 2 * Deliveries.TOLERANCE_MILLIS + 1)
        - Deliveries.TOLERANCE_MILLIS;
    long timestampMillis = Deliveries.NOW.toEpochMilli() + skewMillis;
    String signatureHeader = signature;
    String timestampHeader = Long.toString(timestampMillis);
    switch (body.length % 4) {
      case 1 -> signatureHeader = " " + signature.toUpperCase(Locale.ROOT) + "\t";
      case 2 -> signatureHeader = Deliveries.OTHER_SIGNER.signature(body) + ", " + signature;
      case 3 -> timestampHeader = Long.toString(timestampMillis / 1000);
      default -> { }
    }
    String signatureValue = signatureHeader;
    String timestampValue = timestampHeader;

    Event event =
        Invariants.resultOrRejection(
            () -> VERIFIER.verifyAndParse(body, signatureValue, timestampValue),
            Set.of(MALFORMED_PAYLOAD),
            new String(body, StandardCharsets.UTF_8),
            Deliveries.SECRET,
            signature);

    if (event != null && !Arrays.equals(event.body(), body)) {
      throw new AssertionError("The event's body differs from the verified bytes");
    }
  }

  /** Signs the input with a secret that the receiver does not hold: every call must fail with 401. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void invalidSignature(byte[] body) {
    String wrongSignature = Deliveries.OTHER_SIGNER.signature(body);

    Event event =
        Invariants.resultOrRejection(
            () -> VERIFIER.verifyAndParse(body, wrongSignature, Deliveries.nowHeader()),
            Set.of(SIGNATURE_MISMATCH),
            new String(body, StandardCharsets.UTF_8),
            Deliveries.SECRET,
            Deliveries.SIGNER.signature(body));

    if (event != null) {
      throw new AssertionError("A body signed with another secret passed verification");
    }
  }
}
