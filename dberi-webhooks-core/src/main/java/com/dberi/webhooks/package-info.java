/**
 * Receives Dberi webhooks: {@link com.dberi.webhooks.WebhookVerifier} checks a delivery's signature
 * and timestamp and parses it into an {@link com.dberi.webhooks.Event}; {@link
 * com.dberi.webhooks.WebhookProcessor} adds exactly-once dispatch to registered handlers.
 */
package com.dberi.webhooks;
