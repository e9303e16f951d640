package com.dberi.webhooks.spring;

import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import javax.sql.DataSource;

/**
 * The auto-configured {@link JdbcIdempotencyStore} and the DataSource it writes to, so that the
 * processor can join the store's completion to the transaction that runs the handlers.
 */
record JdbcStoreBinding(JdbcIdempotencyStore store, DataSource dataSource) {}
