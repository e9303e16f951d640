package com.dberi.webhooks.testing;

import com.dberi.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A body with the signature and timestamp headers that Dberi would send with it. Immutable; {@link
 * #body()} returns a copy.
 */
public final class SignedDelivery {

  private final byte[] body;
  private final String signatureHeader;
  private final String timestampHeader;

  SignedDelivery(byte[] body, String signatureHeader, String timestampHeader) {
    this.body = body.clone();
    this.signatureHeader = Objects.requireNonNull(signatureHeader, "signatureHeader");
    this.timestampHeader = Objects.requireNonNull(timestampHeader, "timestampHeader");
  }

  /** Returns a copy of the body bytes that were signed. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns the {@code x-dberi-signature} value. */
  public String signatureHeader() {
    return signatureHeader;
  }

  /** Returns the {@code x-dberi-timestamp} value, in milliseconds since the epoch. */
  public String timestampHeader() {
    return timestampHeader;
  }

  /** Returns the headers to send: signature, timestamp and a JSON content type. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put(WebhookVerifier.SIGNATURE_HEADER, signatureHeader);
    headers.put(WebhookVerifier.TIMESTAMP_HEADER, timestampHeader);
    return Collections.unmodifiableMap(headers);
  }

  /** Returns the sizes and the timestamp; never the signature. */
  @Override
  public String toString() {
    return "SignedDelivery{bodyBytes=" + body.length + ", timestamp=" + timestampHeader + "}";
  }
}
