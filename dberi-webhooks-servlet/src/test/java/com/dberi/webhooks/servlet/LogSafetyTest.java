package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks that the filter's log lines name what failed but contain no secret, signature or body. */
class LogSafetyTest {

  private static final String BODY_MARKER = "personal-data-4e7c";

  @Test
  void logOmitsSecretsAndBodies() throws Exception {
    String json =
        "{\"id\":\"evt_l_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\""
            + BODY_MARKER
            + "\"}}";
    SignedDelivery wrong =
        WebhookSigner.withSecret("dbr_whsec_other").sign(json, HandlingModeTest.NOW);
    SignedDelivery right =
        WebhookSigner.withSecret(HandlingModeTest.SECRET).sign(json, HandlingModeTest.NOW);
    SignedDelivery large =
        WebhookSigner.withSecret(HandlingModeTest.SECRET)
            .sign(json.repeat(4), HandlingModeTest.NOW);
    Map<String, String> gzip = new LinkedHashMap<>(right.headers());
    gzip.put("Content-Encoding", "gzip");
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secret(HandlingModeTest.SECRET)
            .clock(Clock.fixed(HandlingModeTest.NOW, ZoneOffset.UTC))
            .build();
    Http http = new Http();

    // slf4j-simple writes to the current System.err on every call, so swapping it captures the log.
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServer server =
        TestServer.start(
            DberiWebhookFilter.verifyOnlyBuilder(verifier).maxBodyBytes(200).build())) {
      http.post(server.uri(HandlingModeTest.PATH), wrong.headers(), wrong.body());
      http.post(server.uri(HandlingModeTest.PATH), right.headers(), right.body());
      http.post(server.uri(HandlingModeTest.PATH), gzip, right.body());
      http.post(server.uri(HandlingModeTest.PATH), large.headers(), large.body());
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("Rejected Dberi delivery with status 401 (SIGNATURE_MISMATCH): Signature mismatch");
    assertThat(log).contains("Rejected Dberi delivery with status 413");
    assertThat(log).contains("Rejected Dberi delivery with status 415: Content-Encoding gzip");
    assertThat(log).doesNotContain(HandlingModeTest.SECRET);
    assertThat(log).doesNotContain(wrong.signatureHeader());
    assertThat(log).doesNotContain(right.signatureHeader());
    assertThat(log).doesNotContain(BODY_MARKER);
  }
}
