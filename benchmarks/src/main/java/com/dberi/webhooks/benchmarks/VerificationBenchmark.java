package com.dberi.webhooks.benchmarks;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures signature verification of one delivery: the bare JDK HMAC as the floor, this SDK's
 * {@code verify} and {@code verifyAndParse}, a bare Jackson parse as the floor of the parsing half,
 * and two peers on the same body, each with its own signing scheme and a valid signature.
 *
 * <p>Every case gets a valid delivery, so every call succeeds. Timestamps are taken from the
 * system clock at the start of each iteration and stay within each library's 5-minute tolerance
 * for iterations shorter than that. Run with {@code -t 2} for two threads sharing one verifier.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class VerificationBenchmark {

  private static final String SECRET = "dbr_whsec_bench_5f1c2e9a7b3d";
  private static final String STRIPE_SECRET = "whsec_bench_stripe_8d2f4a6c";
  private static final long STRIPE_TOLERANCE_SECONDS = 300;
  private static final byte[] STANDARD_WEBHOOKS_KEY =
      "bench-standard-webhooks-key-32b!".getBytes(StandardCharsets.US_ASCII);

  /** Approximate body size in bytes: a small event, one with a large cart, and a very large one. */
  @Param({"512", "4096", "65536"})
  public int payloadBytes;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private byte[] payload;
  private String payloadText;
  private WebhookVerifier verifier;
  private Webhook standardWebhook;

  private String signatureHeader;
  private String timestampHeader;
  private String stripeHeader;
  private Map<String, List<String>> standardWebhookHeaders;

  @Setup(Level.Trial)
  public void createVerifiers() {
    payload = Payloads.paymentCompleted(payloadBytes);
    payloadText = new String(payload, StandardCharsets.UTF_8);
    verifier = WebhookVerifier.builder().secret(SECRET).build();
    standardWebhook =
        new Webhook(Webhook.SECRET_PREFIX + Base64.getEncoder().encodeToString(STANDARD_WEBHOOKS_KEY));
  }

  /** Signs the body anew for each iteration, so that no timestamp falls out of its tolerance. */
  @Setup(Level.Iteration)
  public void signDeliveries() throws Exception {
    Instant now = Instant.now();
    SignedDelivery delivery = WebhookSigner.withSecret(SECRET).sign(payload, now);
    signatureHeader = delivery.signatureHeader();
    timestampHeader = delivery.timestampHeader();

    long seconds = now.getEpochSecond();
    stripeHeader =
        "t=" + seconds + ",v1=" + hmacHex(STRIPE_SECRET, seconds + "." + payloadText);

    String messageId = "msg_bench_" + seconds;
    String standardSignature = standardWebhook.sign(messageId, seconds, payloadText);
    standardWebhookHeaders =
        Map.of(
            Webhook.UNBRANDED_MSG_ID_KEY, List.of(messageId),
            Webhook.UNBRANDED_MSG_TIMESTAMP_KEY, List.of(Long.toString(seconds)),
            Webhook.UNBRANDED_MSG_SIGNATURE_KEY, List.of(standardSignature));
  }

  /** A ready JDK {@code Mac} per thread, as the floor keeps it. */
  @State(Scope.Thread)
  public static class Floor {
    Mac mac;
    byte[] expected;

    @Setup(Level.Iteration)
    public void createMac(VerificationBenchmark benchmark) throws GeneralSecurityException {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      expected = HexFormat.of().parseHex(benchmark.signatureHeader);
    }
  }

  /** Computes the HMAC-SHA256 of the body with a ready Mac and compares it in constant time: the floor. */
  @Benchmark
  public boolean jdkHmacFloor(Floor floor) {
    byte[] actual = floor.mac.doFinal(payload);
    return MessageDigest.isEqual(actual, floor.expected);
  }

  @Benchmark
  public void verify() {
    verifier.verify(payload, signatureHeader, timestampHeader);
  }

  @Benchmark
  public Event verifyAndParse() {
    return verifier.verifyAndParse(payload, signatureHeader, timestampHeader);
  }

  /**
   * Parses the body into a Jackson tree with a default {@code ObjectMapper} and nothing else: the
   * floor of the parsing half of {@code verifyAndParse}, which reads the same tree.
   */
  @Benchmark
  public JsonNode jacksonReadTreeOnly() throws Exception {
    return MAPPER.readTree(payload);
  }

  /** Checks a stripe-java {@code t=...,v1=...} header, then parses the event with stripe-java's Gson. */
  @Benchmark
  public com.stripe.model.Event stripeConstructEvent() throws Exception {
    return com.stripe.net.Webhook.constructEvent(
        payloadText, stripeHeader, STRIPE_SECRET, STRIPE_TOLERANCE_SECONDS);
  }

  /** Checks the Standard Webhooks id, timestamp and base64 signature headers. This peer parses no JSON. */
  @Benchmark
  public void standardWebhooksVerify() throws Exception {
    standardWebhook.verify(payloadText, standardWebhookHeaders);
  }

  private static String hmacHex(String secret, String message) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
