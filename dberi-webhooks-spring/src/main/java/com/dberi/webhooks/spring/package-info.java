/**
 * Spring Boot integration: auto-configuration of the Dberi webhook endpoint and {@link
 * com.dberi.webhooks.spring.DberiWebhook @DberiWebhook} handler methods on beans.
 *
 * <p>Adding this module and setting {@code dberi.webhooks.secret} registers a servlet filter on
 * {@code /webhooks/dberi} that verifies each delivery, processes every event once and calls the
 * annotated methods for its type. {@link com.dberi.webhooks.spring.DberiWebhooksProperties} lists
 * the settings.
 */
package com.dberi.webhooks.spring;
