package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.testsupport.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

  private final Event expired = EventParser.parse(SampleEvents.bytes("payment.expired"));

  @Test
  void dataMismatchMessage() {
    assertThatThrownBy(() -> expired.data(PaymentCompleted.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Event evt_sample_payment_expired of type payment.expired carries PaymentExpired, not"
                + " PaymentCompleted; check event.type() before asking for a data type");
  }

  @Test
  void dataMismatchWithoutIdMessage() {
    Event event =
        EventParser.parse(bytes("{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}"));

    assertThatThrownBy(() -> event.data(UnknownEventData.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Event (no id) of type payment.expired carries PaymentExpired");
  }

  @Test
  void dataNullTypeRejected() {
    assertThatThrownBy(() -> expired.data(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataType");
  }

  @Test
  void dataMatchingTypeReturned() {
    assertThat(expired.data(PaymentExpired.class)).isEqualTo(new PaymentExpired("payment-abc123"));
  }

  @Test
  void jsonReturnsBodyText() {
    String text = new String(SampleEvents.bytes("payment.expired"), StandardCharsets.UTF_8);

    assertThat(expired.json()).isEqualTo(text);
  }

  @Test
  void bodyIsDefensiveCopy() {
    byte[] first = expired.body();
    first[0] = 'X';

    assertThat(expired.body()).isEqualTo(SampleEvents.bytes("payment.expired"));
  }

  @Test
  void parsedBodyCopiedFromInput() {
    byte[] input = SampleEvents.bytes("payment.expired");
    Event event = EventParser.parse(input);
    input[0] = 'X';

    assertThat(event.json()).startsWith("{");
  }

  @Test
  void toStringOmitsData() {
    Event event = EventParser.parse(SampleEvents.bytes("payment.completed"));

    assertThat(event.toString())
        .isEqualTo("Event{id=evt_sample_payment_completed, type=payment.completed}");
    assertThat(event.toString()).doesNotContain("cust-xyz789");
  }

  @Test
  void equalBodiesEqualEvents() {
    Event again = EventParser.parse(SampleEvents.bytes("payment.expired"));

    assertThat(again).isEqualTo(expired);
    assertThat(again.hashCode()).isEqualTo(expired.hashCode());
  }

  @Test
  void knownTypeLookups() {
    assertThat(EventType.fromWireName("payout.paid")).contains(EventType.PAYOUT_PAID);
    assertThat(EventType.fromWireName("Payout.Paid")).isEmpty();
    assertThat(EventType.fromDataType(PaymentCompleted.class)).contains(EventType.PAYMENT_COMPLETED);
    assertThat(EventType.fromDataType(UnknownEventData.class)).isEmpty();
  }

  @Test
  void metadataIsImmutableCopy() {
    Map<String, String> source = new HashMap<>(Map.of("order_id", "1"));
    PaymentCompleted data = new PaymentCompleted("p", null, 1, null, null, source);
    source.put("order_id", "2");

    assertThat(data.metadata()).containsEntry("order_id", "1");
    assertThatThrownBy(() -> data.metadata().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void metadataKeepsOrder() {
    Map<String, String> source = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 2_000; i++) {
      source.put(String.format(java.util.Locale.ROOT, "line_%04d", i), "v" + i);
    }

    PaymentCompleted data = new PaymentCompleted("p", null, 1, null, null, source);

    assertThat(data.metadata()).containsExactlyEntriesOf(source);
  }

  @Test
  void metadataNullValueRejected() {
    Map<String, String> source = new HashMap<>();
    source.put("order_id", null);

    assertThatThrownBy(() -> new PaymentCompleted("p", null, 1, null, null, source))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metadata value");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
