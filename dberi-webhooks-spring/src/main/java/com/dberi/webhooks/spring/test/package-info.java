/**
 * Test support for applications that receive Dberi webhooks: {@link
 * com.dberi.webhooks.spring.test.DberiWebhookRequests} builds signed deliveries for MockMvc,
 * RestClient and {@code java.net.http.HttpClient}.
 */
package com.dberi.webhooks.spring.test;
