package com.dberi.webhooks.loadtest;

import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import java.time.Instant;

/**
 * One pre-signed request: its body and the two Dberi headers.
 *
 * @param body the signed body, sent as is
 * @param signature the {@code x-dberi-signature} value
 * @param timestamp the {@code x-dberi-timestamp} value
 */
record Delivery(byte[] body, String signature, String timestamp) {

  /** Event type of every generated delivery; the shop's load-test handler does nothing with it. */
  static final String EVENT_TYPE = "loadtest.ping";

  /**
   * Signs {@code count} deliveries with distinct event ids, all stamped with {@code now}.
   *
   * <p>The verifier accepts a timestamp up to 5 minutes old, so call this right before the
   * deliveries are sent. The body is about the size of a payment event, with a payment-like data
   * object, so that parsing does comparable work.
   *
   * @param idPrefix makes the ids unique across runs against the same idempotency store
   */
  static Delivery[] generate(WebhookSigner signer, String idPrefix, int count, Instant now) {
    Delivery[] deliveries = new Delivery[count];
    String createdAt = now.toString();
    for (int i = 0; i < count; i++) {
      String id = idPrefix + "_" + i;
      String json =
          "{\"id\":\"" + id
              + "\",\"type\":\"" + EVENT_TYPE
              + "\",\"created_at\":\"" + createdAt
              + "\",\"data\":{\"payment_id\":\"pay_" + id
              + "\",\"amount\":2500,\"currency\":\"EUR\",\"status\":\"completed\","
              + "\"metadata\":{\"order_id\":\"order_" + i + "\"}}}";
      SignedDelivery signed = signer.sign(json, now);
      deliveries[i] = new Delivery(signed.body(), signed.signatureHeader(), signed.timestampHeader());
    }
    return deliveries;
  }
}
