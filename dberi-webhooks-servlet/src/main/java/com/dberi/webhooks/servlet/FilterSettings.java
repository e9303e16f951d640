package com.dberi.webhooks.servlet;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;

/**
 * The configuration of one filter: exactly one of {@code processor} (handling mode) and {@code
 * verifier} (verify-only mode) is non-null.
 */
record FilterSettings(
    String path, long maxBodyBytes, WebhookProcessor processor, WebhookVerifier verifier) {

  boolean handling() {
    return processor != null;
  }

  String mode() {
    return handling() ? "handling" : "verify-only";
  }
}
