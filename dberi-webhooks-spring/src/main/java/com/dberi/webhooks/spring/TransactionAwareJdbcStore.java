package com.dberi.webhooks.spring;

import com.dberi.webhooks.idempotency.ClaimResult;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@link JdbcIdempotencyStore} whose {@link #complete} joins the current Spring transaction.
 *
 * <p>While a transaction is active, completion runs on the transaction's connection for the
 * DataSource and does not commit, so the "processed" record commits or rolls back with the
 * handlers' writes. Outside a transaction, and for {@link #claim} and {@link #release} always, the
 * store uses its own connections and commits at once.
 */
final class TransactionAwareJdbcStore implements IdempotencyStore {

  private final JdbcIdempotencyStore store;
  private final DataSource dataSource;

  TransactionAwareJdbcStore(JdbcIdempotencyStore store, DataSource dataSource) {
    this.store = store;
    this.dataSource = dataSource;
  }

  @Override
  public ClaimResult claim(String key, String owner, Duration lease) {
    return store.claim(key, owner, lease);
  }

  @Override
  public boolean complete(String key, String owner) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return store.complete(key, owner);
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return store.complete(connection, key, owner);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  @Override
  public void release(String key, String owner) {
    store.release(key, owner);
  }

  @Override
  public String toString() {
    return store + " (completes in the Spring transaction)";
  }
}
