/**
 * Exactly-once processing: the {@link com.dberi.webhooks.idempotency.IdempotencyStore} service
 * provider interface, the per-process {@link
 * com.dberi.webhooks.idempotency.InMemoryIdempotencyStore} and the shared, database-backed
 * JdbcIdempotencyStore.
 */
package com.dberi.webhooks.idempotency;
