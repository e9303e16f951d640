package com.dberi.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignerTest {

  private static final String SECRET = "whsec_signer_test_31d0c7";
  private static final Instant SENT = Instant.parse("2026-03-19T10:05:31.250Z");
  private static final String JSON =
      "{\"id\":\"evt_s\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p\"}}";

  private final WebhookSigner signer = WebhookSigner.withSecret(SECRET);

  @Test
  void signatureIsLowerHex() {
    String signature = signer.signature(JSON.getBytes(StandardCharsets.UTF_8));

    assertThat(signature).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void signedDeliveryHeaders() {
    SignedDelivery delivery = signer.sign(JSON, SENT);

    assertThat(delivery.headers())
        .containsExactly(
            Map.entry("Content-Type", "application/json; charset=utf-8"),
            Map.entry(WebhookVerifier.SIGNATURE_HEADER, delivery.signatureHeader()),
            Map.entry(WebhookVerifier.TIMESTAMP_HEADER, "1773914731250"));
  }

  @Test
  void signedDeliveryTimestampMillis() {
    assertThat(signer.sign(JSON, SENT).timestampHeader()).isEqualTo("1773914731250");
  }

  @Test
  void stringSignedAsUtf8() {
    String json = "{\"note\":\"Café 😀\"}";

    SignedDelivery fromString = signer.sign(json, SENT);

    assertThat(fromString.body()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    assertThat(fromString.bodyAsString()).isEqualTo(json);
    assertThat(fromString.signatureHeader())
        .isEqualTo(signer.signature(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bodyIsDefensiveCopy() {
    byte[] body = JSON.getBytes(StandardCharsets.UTF_8);
    SignedDelivery delivery = signer.sign(body, SENT);
    body[0] = 'X';
    delivery.body()[1] = 'Y';

    assertThat(delivery.bodyAsString()).isEqualTo(JSON);
  }

  @Test
  void headersUnmodifiable() {
    Map<String, String> headers = signer.sign(JSON, SENT).headers();

    assertThatThrownBy(() -> headers.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void secretStrippedLikeVerifier() {
    byte[] body = JSON.getBytes(StandardCharsets.UTF_8);

    String padded = WebhookSigner.withSecret(" " + SECRET + "\n").signature(body);

    assertThat(padded).isEqualTo(signer.signature(body));
  }

  @Test
  void differentSecretsDiffer() {
    byte[] body = JSON.getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSigner.withSecret(SECRET + "x").signature(body))
        .isNotEqualTo(signer.signature(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "\t\r\n"})
  void blankSecretRejected(String blank) {
    assertThatThrownBy(() -> WebhookSigner.withSecret(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must not be blank");
  }

  @Test
  void nullSecretRejected() {
    assertThatThrownBy(() -> WebhookSigner.withSecret(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("secret");
  }

  @Test
  void nullPayloadRejected() {
    assertThatThrownBy(() -> signer.signature(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payload");
  }

  @Test
  void nullTimestampRejected() {
    assertThatThrownBy(() -> signer.sign(JSON, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timestamp");
  }

  @Test
  void toStringHidesSecret() {
    assertThat(signer.toString()).doesNotContain(SECRET);
    assertThat(signer.toString()).contains("(hidden)");
  }

  @Test
  void deliveryToStringHidesSignature() {
    SignedDelivery delivery = signer.sign(JSON, SENT);

    assertThat(delivery.toString()).doesNotContain(delivery.signatureHeader());
    assertThat(delivery.toString()).doesNotContain(JSON);
    assertThat(delivery.toString())
        .isEqualTo("SignedDelivery{bodyBytes=" + JSON.length() + ", timestamp=1773914731250}");
  }
}
