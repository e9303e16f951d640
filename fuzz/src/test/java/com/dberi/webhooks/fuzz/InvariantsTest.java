package com.dberi.webhooks.fuzz;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;
import static com.dberi.webhooks.WebhookVerificationException.Reason.SIGNATURE_MISMATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.WebhookVerificationException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shows that the fuzz tests' contract check fails on the breaches it exists to catch. */
class InvariantsTest {

  @Test
  void resultReturned() {
    String result = Invariants.resultOrRejection(() -> "event", Set.of(MALFORMED_PAYLOAD), "input");

    assertThat(result).isEqualTo("event");
  }

  @Test
  void allowedRejectionReturnsNull() {
    String result =
        Invariants.resultOrRejection(
            () -> {
              throw new WebhookVerificationException(MALFORMED_PAYLOAD, "Malformed event payload");
            },
            Set.of(MALFORMED_PAYLOAD),
            "input");

    assertThat(result).isNull();
  }

  @Test
  void foreignExceptionFails() {
    assertThatThrownBy(
            () ->
                Invariants.resultOrRejection(
                    () -> {
                      throw new IllegalArgumentException("bad hex");
                    },
                    Set.of(MALFORMED_PAYLOAD),
                    "input"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected WebhookVerificationException or a result, but the call threw"
                + " java.lang.IllegalArgumentException")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unexpectedReasonFails() {
    assertThatThrownBy(
            () ->
                Invariants.passedOrRejected(
                    () -> {
                      throw new WebhookVerificationException(SIGNATURE_MISMATCH, "Signature mismatch");
                    },
                    Set.of(MALFORMED_PAYLOAD),
                    "input"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Rejection reason SIGNATURE_MISMATCH is not one of [MALFORMED_PAYLOAD]");
  }

  @Test
  void revealedSecretFails() {
    assertThatThrownBy(
            () ->
                Invariants.passedOrRejected(
                    () -> {
                      throw new WebhookVerificationException(
                          SIGNATURE_MISMATCH, "Signature mismatch under secret S3CRET");
                    },
                    Set.of(SIGNATURE_MISMATCH),
                    "input",
                    "s3cret"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Rejection message of SIGNATURE_MISMATCH reveals a secret or signature");
  }

  @Test
  void echoedInputPasses() {
    boolean passed =
        Invariants.passedOrRejected(
            () -> {
              throw new WebhookVerificationException(
                  SIGNATURE_MISMATCH, "Malformed header 's3cret'");
            },
            Set.of(SIGNATURE_MISMATCH),
            "s3cret",
            "s3cret");

    assertThat(passed).isFalse();
  }
}
