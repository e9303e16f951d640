package com.dberi.webhooks;

import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the processor contract on a {@link JdbcIdempotencyStore} in a fresh table. A subclass names
 * the database; a server that cannot be reached skips its tests, or fails them when CI=true.
 */
abstract class JdbcWebhookProcessorContract extends WebhookProcessorContract {

  abstract TestDatabase database();

  @Override
  IdempotencyStore createStore(Clock clock, Duration retention) {
    return JdbcIdempotencyStore.builder(database().dataSource())
        .tableName(database().newTableName())
        .createTableIfMissing(true)
        .clock(clock)
        .retention(retention)
        .build();
  }

  @Override
  int purgeExpired(IdempotencyStore store) {
    return ((JdbcIdempotencyStore) store).purgeExpired();
  }
}
