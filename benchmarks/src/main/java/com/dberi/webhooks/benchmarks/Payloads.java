package com.dberi.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Builds payment.completed event bodies of a requested size, so that every benchmark and peer
 * works on the same realistic JSON rather than on random bytes.
 *
 * <p>The event carries the documented fields; its {@code data.metadata} object grows with order
 * lines ({@code "line_0001": "SKU-0001 x2 @ 1250"}) until the body reaches the requested size. The
 * {@code created} field is epoch seconds, because stripe-java reads it as a number.
 */
final class Payloads {

  private static final String HEAD =
      "{\"id\":\"evt_bench_000001\",\"type\":\"payment.completed\",\"created\":1773914731,"
          + "\"data\":{\"payment_id\":\"payment-abc123\",\"merchant_id\":\"merchant-your-id\","
          + "\"amount\":2500,\"status\":\"completed\",\"customer_id\":\"cust-xyz789\","
          + "\"metadata\":{\"order_id\":\"1234\"";
  private static final String TAIL = "}}}";

  private Payloads() {}

  /**
   * Returns a UTF-8 event body of at least {@code minBytes} bytes, and at most one metadata entry
   * longer.
   */
  static byte[] paymentCompleted(int minBytes) {
    StringBuilder json = new StringBuilder(minBytes + 64).append(HEAD);
    int line = 1;
    while (json.length() + TAIL.length() < minBytes) {
      json.append(String.format(
          java.util.Locale.ROOT, ",\"line_%04d\":\"SKU-%04d x%d @ %d\"", line, line, line % 5 + 1, 1250 + line));
      line++;
    }
    return json.append(TAIL).toString().getBytes(StandardCharsets.UTF_8);
  }
}
