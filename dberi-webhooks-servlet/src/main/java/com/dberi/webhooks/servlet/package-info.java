/**
 * A Jakarta Servlet 6 filter that receives Dberi webhooks: {@link
 * com.dberi.webhooks.servlet.DberiWebhookFilter}.
 *
 * <p>The filter reads the raw request body once, enforces a size limit, and either hands the
 * delivery to a {@link com.dberi.webhooks.WebhookProcessor} (handling mode) or verifies it and
 * passes the verified {@link com.dberi.webhooks.Event} to the application (verify-only mode).
 * Declare it in code with {@link com.dberi.webhooks.servlet.DberiWebhookFilter#builder} or in
 * {@code web.xml} with init parameters and an optional {@link
 * com.dberi.webhooks.servlet.WebhookProcessorFactory}.
 */
package com.dberi.webhooks.servlet;
