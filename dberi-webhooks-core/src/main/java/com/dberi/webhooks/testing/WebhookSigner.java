package com.dberi.webhooks.testing;

import com.dberi.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs payloads the way Dberi does, so that merchants can test their own webhook endpoints with
 * deliveries that pass verification.
 *
 * <pre>{@code
 * SignedDelivery delivery = WebhookSigner.withSecret("whsec_test")
 *     .sign("{\"id\":\"evt_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p_1\"}}",
 *         Instant.now());
 * // POST delivery.body() with delivery.headers() to the endpoint under test.
 * }</pre>
 *
 * <p>Immutable and thread-safe. The secret is never exposed by {@link #toString()}.
 */
public final class WebhookSigner {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private WebhookSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * Returns a signer for {@code secret}; surrounding whitespace is removed, as the verifier does.
   *
   * @throws IllegalArgumentException if the secret is blank
   */
  public static WebhookSigner withSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    String stripped = secret.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("secret must not be blank");
    }
    return new WebhookSigner(stripped);
  }

  /** Returns the lowercase hex HMAC-SHA256 of {@code payload}: the {@code x-dberi-signature} value. */
  public String signature(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM provides no " + ALGORITHM + " implementation", e);
    }
  }

  /** Signs {@code payload} as sent at {@code timestamp}. */
  public SignedDelivery sign(byte[] payload, Instant timestamp) {
    Objects.requireNonNull(timestamp, "timestamp");
    return new SignedDelivery(
        payload, signature(payload), Long.toString(timestamp.toEpochMilli()));
  }

  /** Signs the UTF-8 bytes of {@code json} as sent at {@code timestamp}. */
  public SignedDelivery sign(String json, Instant timestamp) {
    Objects.requireNonNull(json, "json");
    return sign(json.getBytes(StandardCharsets.UTF_8), timestamp);
  }

  /** Returns a description that hides the secret. */
  @Override
  public String toString() {
    return "WebhookSigner{secret=(hidden), headers=" + WebhookVerifier.SIGNATURE_HEADER + "}";
  }
}
