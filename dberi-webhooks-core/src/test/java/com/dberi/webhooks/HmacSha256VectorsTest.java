package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.testing.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Pins the HMAC-SHA256 primitive to the known-answer vectors of RFC 4231, section 4. Keys made of
 * printable or control ASCII characters go through the signer and the verifier; keys with bytes
 * above 0x7F, which a UTF-8 secret string cannot carry, go through the JDK {@link Mac} exactly as the
 * verifier calls it.
 */
class HmacSha256VectorsTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Instant NOW = Instant.parse("2026-03-19T10:05:31Z");

  // Test case 2: key "Jefe".
  private static final String CASE2_KEY = "Jefe";
  private static final String CASE2_DATA = "what do ya want for nothing?";
  private static final String CASE2_MAC =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  // Test case 4: key 0x01 to 0x19, data 0xcd repeated 50 times.
  private static final String CASE4_KEY_HEX = "0102030405060708090a0b0c0d0e0f10111213141516171819";
  private static final String CASE4_MAC =
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b";

  @Test
  void case2SignerMatches() {
    String signature = WebhookSigner.withSecret(CASE2_KEY).signature(ascii(CASE2_DATA));

    assertThat(signature).isEqualTo(CASE2_MAC);
  }

  @Test
  void case2VerifierAccepts() {
    WebhookVerifier verifier = verifier(CASE2_KEY);

    assertThatCode(() -> verifier.verify(ascii(CASE2_DATA), CASE2_MAC, millis()))
        .doesNotThrowAnyException();
  }

  @Test
  void case4SignerMatches() {
    String signature = WebhookSigner.withSecret(case4Key()).signature(repeat(0xcd, 50));

    assertThat(signature).isEqualTo(CASE4_MAC);
  }

  @Test
  void case4VerifierAccepts() {
    WebhookVerifier verifier = verifier(case4Key());

    assertThatCode(() -> verifier.verify(repeat(0xcd, 50), CASE4_MAC, millis()))
        .doesNotThrowAnyException();
  }

  @Test
  void case2VerifierRejectsOtherData() {
    WebhookVerifier verifier = verifier(CASE2_KEY);

    assertThatThrownBy(() -> verifier.verify(ascii(CASE2_DATA + " "), CASE2_MAC, millis()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(WebhookVerificationException.Reason.SIGNATURE_MISMATCH);
  }

  /** Test case 1's key is twenty 0x0b (vertical tab) bytes: whitespace only, so no valid secret. */
  @Test
  void case1KeyIsBlankSecret() {
    String key = new String(repeat(0x0b, 20), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> WebhookVerifier.builder().secret(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The webhook secret is blank");
  }

  @Test
  void case1JdkMacMatches() throws Exception {
    byte[] mac = jdkMac(repeat(0x0b, 20), ascii("Hi There"));

    assertThat(HEX.formatHex(mac))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void case3JdkMacMatches() throws Exception {
    byte[] mac = jdkMac(repeat(0xaa, 20), repeat(0xdd, 50));

    assertThat(HEX.formatHex(mac))
        .isEqualTo("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  }

  @Test
  void case4JdkMacMatches() throws Exception {
    byte[] mac = jdkMac(HEX.parseHex(CASE4_KEY_HEX), repeat(0xcd, 50));

    assertThat(HEX.formatHex(mac)).isEqualTo(CASE4_MAC);
  }

  /** Test case 5 publishes only the first 128 bits of the MAC. */
  @Test
  void case5TruncatedJdkMacMatches() throws Exception {
    byte[] mac = jdkMac(repeat(0x0c, 20), ascii("Test With Truncation"));

    assertThat(HEX.formatHex(Arrays.copyOf(mac, 16))).isEqualTo("a3b6167473100ee06e0c796c2955552b");
  }

  @Test
  void case6JdkMacMatches() throws Exception {
    byte[] mac =
        jdkMac(repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"));

    assertThat(HEX.formatHex(mac))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void case7JdkMacMatches() throws Exception {
    byte[] data =
        ascii(
            "This is a test using a larger than block-size key and a larger than block-size data."
                + " The key needs to be hashed before being used by the HMAC algorithm.");

    byte[] mac = jdkMac(repeat(0xaa, 131), data);

    assertThat(HEX.formatHex(mac))
        .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  }

  /** Computes the MAC the way the verifier does: one HmacSHA256 instance, init, doFinal. */
  private static byte[] jdkMac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static WebhookVerifier verifier(String secret) {
    return WebhookVerifier.builder()
        .secret(secret)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static String case4Key() {
    return new String(HEX.parseHex(CASE4_KEY_HEX), StandardCharsets.US_ASCII);
  }

  private static String millis() {
    return Long.toString(NOW.toEpochMilli());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(int value, int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
