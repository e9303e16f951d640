package com.dberi.webhooks.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON samples of the five documented event types, shipped as test resources. */
public final class SampleEvents {

  /** The documented event types, each with a sample under {@code samples/<type>.json}. */
  public static final List<String> TYPES =
      List.of(
          "payment.completed",
          "payment.failed",
          "payment.expired",
          "refund.completed",
          "payout.paid");

  private SampleEvents() {}

  /** Returns the exact bytes of the sample for {@code type}, such as {@code payment.completed}. */
  public static byte[] bytes(String type) {
    String resource = "/com/dberi/webhooks/samples/" + type + ".json";
    try (InputStream in = SampleEvents.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No sample event " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
