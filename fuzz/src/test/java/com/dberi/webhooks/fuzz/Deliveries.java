package com.dberi.webhooks.fuzz;

import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.testing.WebhookSigner;
import com.dberi.webhooks.testsupport.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The secret, clock, verifier and fixed body that the fuzz tests share. */
final class Deliveries {

  /** Signing secret of the receiver; the seed generator signs with the same value. */
  static final String SECRET = "dbr_whsec_fuzz_3c9e1a7f5b2d";

  /** A secret that the receiver does not hold. */
  static final String OTHER_SECRET = "dbr_whsec_fuzz_not_the_receivers";

  /** The receiver's fixed clock: 2026-03-19T10:05:31Z. */
  static final Instant NOW = Instant.ofEpochMilli(1_773_914_731_000L);

  static final long TOLERANCE_MILLIS = WebhookVerifier.DEFAULT_TOLERANCE.toMillis();

  /** The documented payment.completed sample, the body whenever a test fuzzes only headers. */
  static final byte[] SAMPLE_BODY = SampleEvents.bytes("payment.completed");

  static final WebhookSigner SIGNER = WebhookSigner.withSecret(SECRET);

  static final WebhookSigner OTHER_SIGNER = WebhookSigner.withSecret(OTHER_SECRET);

  private Deliveries() {}

  /** Returns a verifier for {@link #SECRET} whose clock stands at {@link #NOW}. */
  static WebhookVerifier fixedClockVerifier() {
    return WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /** Returns a verifier for {@link #SECRET} on the system clock. */
  static WebhookVerifier systemClockVerifier() {
    return WebhookVerifier.builder().secret(SECRET).build();
  }

  /** Returns the timestamp header for {@link #NOW}. */
  static String nowHeader() {
    return Long.toString(NOW.toEpochMilli());
  }
}
