package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in verify-only mode: a downstream servlet receives the verified bytes and event. */
class VerifyOnlyModeTest {

  private static final String BODY_JSON =
      "{\r\n"
          + "  \"id\": \"evt_v_1\",\r\n"
          + "  \"type\": \"payment.failed\",\r\n"
          + "  \"data\": {\"payment_id\": \"pay_v_1\", \"error_code\": \"card_declined\","
          + " \"error_message\": \"Zoë 🎉 declined\"}\r\n"
          + "}\n";
  private static final byte[] BODY = BODY_JSON.getBytes(StandardCharsets.UTF_8);

  private final Http http = new Http();
  private final WebhookSigner signer = WebhookSigner.withSecret(HandlingModeTest.SECRET);
  private final Downstream downstream = new Downstream();
  private TestServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private void start() throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secret(HandlingModeTest.SECRET)
            .clock(Clock.fixed(HandlingModeTest.NOW, ZoneOffset.UTC))
            .build();
    server = TestServer.start(DberiWebhookFilter.verifyOnlyBuilder(verifier).build(), downstream);
  }

  private HttpResponse<String> post(SignedDelivery delivery) throws Exception {
    return http.post(server.uri(HandlingModeTest.PATH), delivery.headers(), delivery.body());
  }

  @Test
  void inputStreamReplaysBytes() throws Exception {
    start();

    HttpResponse<String> response = post(signer.sign(BODY, HandlingModeTest.NOW));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(downstream.streamBytes.get()).isEqualTo(BODY);
  }

  @Test
  void readerReplaysText() throws Exception {
    start();

    post(signer.sign(BODY, HandlingModeTest.NOW));

    assertThat(downstream.readerText.get()).isEqualTo(BODY_JSON);
  }

  @Test
  void readerUsesRequestCharset() throws Exception {
    start();
    // The body is UTF-8, as Dberi sends it; the declared charset decides how getReader() decodes.
    byte[] utf8 =
        "{\"id\":\"evt_v_2\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"café\"}}"
            .getBytes(StandardCharsets.UTF_8);
    SignedDelivery delivery = signer.sign(utf8, HandlingModeTest.NOW);
    Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
    headers.put("Content-Type", "application/json; charset=ISO-8859-1");

    HttpResponse<String> response = http.post(server.uri(HandlingModeTest.PATH), headers, utf8);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(downstream.streamBytes.get()).isEqualTo(utf8);
    assertThat(downstream.readerText.get()).isEqualTo(new String(utf8, StandardCharsets.ISO_8859_1));
    assertThat(downstream.readerText.get()).contains("cafÃ©");
  }

  @Test
  void secondStreamStartsAtFirstByte() throws Exception {
    start();

    post(signer.sign(BODY, HandlingModeTest.NOW));

    assertThat(downstream.secondStreamBytes.get()).isEqualTo(BODY);
  }

  @Test
  void eventAttributeSet() throws Exception {
    start();

    post(signer.sign(BODY, HandlingModeTest.NOW));

    Event event = downstream.event.get();
    assertThat(event.id()).contains("evt_v_1");
    assertThat(event.type()).isEqualTo("payment.failed");
    assertThat(event.body()).isEqualTo(BODY);
  }

  @Test
  void contentLengthMatchesChunkedBody() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(BODY, HandlingModeTest.NOW);

    http.postChunked(server.uri(HandlingModeTest.PATH), delivery.headers(), delivery.body());

    assertThat(server.lastReceivedHeaders().get("Transfer-Encoding")).containsExactly("chunked");
    assertThat(downstream.contentLength.get()).isEqualTo(BODY.length);
    assertThat(downstream.streamBytes.get()).isEqualTo(BODY);
  }

  @Test
  void wrongSignatureStopsRequest() throws Exception {
    start();
    SignedDelivery delivery =
        WebhookSigner.withSecret("dbr_whsec_other").sign(BODY, HandlingModeTest.NOW);

    HttpResponse<String> response = post(delivery);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .startsWith("SIGNATURE_MISMATCH: Signature mismatch: no signature in x-dberi-signature");
    assertThat(server.applicationRequests()).isZero();
  }

  @Test
  void staleTimestampStopsRequest() throws Exception {
    start();

    HttpResponse<String> response = post(signer.sign(BODY, HandlingModeTest.NOW.minusSeconds(600)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("TIMESTAMP_TOO_OLD: ");
    assertThat(server.applicationRequests()).isZero();
  }

  @Test
  void duplicatesReachApplication() throws Exception {
    start();
    SignedDelivery delivery = signer.sign(BODY, HandlingModeTest.NOW);

    post(delivery);
    post(delivery);

    // Verify-only mode leaves duplicate detection to the application.
    assertThat(server.applicationRequests()).isEqualTo(2);
  }

  /** Reads the body three ways and responds with 200. */
  private static final class Downstream extends HttpServlet {
    final AtomicReference<byte[]> streamBytes = new AtomicReference<>();
    final AtomicReference<byte[]> secondStreamBytes = new AtomicReference<>();
    final AtomicReference<String> readerText = new AtomicReference<>();
    final AtomicReference<Event> event = new AtomicReference<>();
    final AtomicReference<Long> contentLength = new AtomicReference<>();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      event.set((Event) request.getAttribute(DberiWebhookFilter.EVENT_ATTRIBUTE));
      contentLength.set(request.getContentLengthLong());
      streamBytes.set(request.getInputStream().readAllBytes());
      secondStreamBytes.set(readInSmallSteps(request));
      readerText.set(readAll(request.getReader()));
      response.setStatus(200);
    }

    private static byte[] readInSmallSteps(HttpServletRequest request) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[7];
      var in = request.getInputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(Arrays.copyOf(buffer, read));
      }
      return out.toByteArray();
    }

    private static String readAll(Reader reader) throws IOException {
      StringWriter text = new StringWriter();
      reader.transferTo(text);
      return text.toString();
    }
  }
}
