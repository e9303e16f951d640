package com.dberi.webhooks.spring;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The auto-configured JDBC store on the local PostgreSQL server; skipped with the reason when the
 * server is unreachable, and failed instead under {@code CI=true}.
 */
class PostgresJdbcStoreTest extends JdbcStoreContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
