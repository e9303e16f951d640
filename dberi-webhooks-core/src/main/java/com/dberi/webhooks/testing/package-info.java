/**
 * Test kit for merchants: {@link com.dberi.webhooks.testing.WebhookSigner} signs payloads as Dberi
 * does, so an application can test its webhook endpoint with deliveries that pass verification.
 */
package com.dberi.webhooks.testing;
