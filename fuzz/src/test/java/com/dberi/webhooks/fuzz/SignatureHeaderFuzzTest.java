package com.dberi.webhooks.fuzz;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.MISSING_SIGNATURE;
import static com.dberi.webhooks.WebhookVerificationException.Reason.SIGNATURE_MISMATCH;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dberi.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code x-dberi-signature} header: a fixed, correctly timestamped body with an
 * arbitrary header, decoded from the input as UTF-8.
 */
class SignatureHeaderFuzzTest {

  private static final WebhookVerifier VERIFIER = Deliveries.fixedClockVerifier();
  private static final String VALID_SIGNATURE = Deliveries.SIGNER.signature(Deliveries.SAMPLE_BODY);
  private static final String TIMESTAMP = Deliveries.nowHeader();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void signatureHeader(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);

    boolean passed =
        Invariants.passedOrRejected(
            () -> VERIFIER.verify(Deliveries.SAMPLE_BODY, header, TIMESTAMP),
            Set.of(MISSING_SIGNATURE, MALFORMED_SIGNATURE, SIGNATURE_MISMATCH),
            header,
            Deliveries.SECRET,
            VALID_SIGNATURE);

    if (passed && !containsToken(header, VALID_SIGNATURE)) {
      throw new AssertionError("A header without the valid signature passed verification");
    }
  }

  /** Returns whether a space-, tab- or comma-separated token equals {@code hex}, ignoring case. */
  private static boolean containsToken(String header, String hex) {
    for (String token : header.split("[ \t,]+")) {
      if (token.equalsIgnoreCase(hex)) {
        return true;
      }
    }
    return false;
  }
}
