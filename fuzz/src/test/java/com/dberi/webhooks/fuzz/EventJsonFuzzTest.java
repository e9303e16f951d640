package com.dberi.webhooks.fuzz;

import static com.dberi.webhooks.WebhookVerificationException.Reason.MALFORMED_PAYLOAD;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.testing.SignedDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the event JSON parser: arbitrary bodies with a valid signature and a fresh timestamp, so
 * that every input reaches the parser. A parsed event must be consistent with its bytes.
 */
class EventJsonFuzzTest {

  private static final WebhookVerifier VERIFIER = Deliveries.systemClockVerifier();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void eventJson(byte[] body) {
    SignedDelivery delivery = Deliveries.SIGNER.sign(body, Instant.now());

    Event event =
        Invariants.resultOrRejection(
            () ->
                VERIFIER.verifyAndParse(
                    body, delivery.signatureHeader(), delivery.timestampHeader()),
            Set.of(MALFORMED_PAYLOAD),
            new String(body, StandardCharsets.UTF_8),
            Deliveries.SECRET,
            delivery.signatureHeader());

    if (event != null) {
      checkConsistent(event, body);
    }
  }

  private static void checkConsistent(Event event, byte[] body) {
    if (!Arrays.equals(event.body(), body)) {
      throw new AssertionError("The event's body differs from the verified bytes");
    }
    if (event.type().isBlank()) {
      throw new AssertionError("A parsed event has a blank type");
    }
    boolean unknown = event.data() instanceof UnknownEventData;
    if (unknown == event.knownType().isPresent()) {
      throw new AssertionError(
          "Event type " + event.knownType() + " does not match data " + event.data().getClass());
    }
    if (event.json().isEmpty()) {
      throw new AssertionError("A parsed event returns empty JSON text");
    }
  }
}
