package com.dberi.examples.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parses every sample with the SDK's verifier, as a receiving endpoint would. */
class SampleEventsTest {

  private static final Instant CREATED = Instant.parse("2026-03-19T10:05:31.250Z");

  private static Event parse(EventType type, String... extraArgs) throws UsageException {
    List<String> args = new ArrayList<>(List.of("--secret", "s", "--event-id", "evt_t",
        "--payment-id", "p_t", "--order-id", "o_t"));
    args.addAll(List.of(extraArgs));
    byte[] body = SampleEvents.build(type, SenderOptions.parse(args, Map.of()), CREATED);
    SignedDelivery delivery = WebhookSigner.withSecret("s").sign(body, Instant.now());
    return WebhookVerifier.builder()
        .secret("s")
        .build()
        .verifyAndParse(body, delivery.signatureHeader(), delivery.timestampHeader());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeParsesToItsRecord(EventType type) throws UsageException {
    Event event = parse(type);

    assertThat(event.type()).isEqualTo(type.wireName());
    assertThat(event.id()).contains("evt_t");
    assertThat(event.created()).contains(Instant.parse("2026-03-19T10:05:31Z"));
    assertThat(event.data()).isInstanceOf(type.dataType());
  }

  @Test
  void failedCarriesOrderAndCode() throws UsageException {
    PaymentFailed failed = parse(EventType.PAYMENT_FAILED).data(PaymentFailed.class);

    assertThat(failed.paymentId()).isEqualTo("p_t");
    assertThat(failed.errorCode()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(failed.metadata()).containsEntry("order_id", "o_t");
  }

  @Test
  void payoutArrivesTwoDaysLater() throws UsageException {
    PayoutPaid payout = parse(EventType.PAYOUT_PAID, "--amount", "92000").data(PayoutPaid.class);

    assertThat(payout.amount()).isEqualTo(92000);
    assertThat(payout.arrivalDate()).isEqualTo(LocalDate.of(2026, 3, 21));
  }
}
