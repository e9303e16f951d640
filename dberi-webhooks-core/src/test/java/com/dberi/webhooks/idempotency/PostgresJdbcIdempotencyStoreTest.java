package com.dberi.webhooks.idempotency;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the store contract and the JDBC cases against the PostgreSQL server. */
class PostgresJdbcIdempotencyStoreTest extends AbstractJdbcIdempotencyStoreTest {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  SqlDialect expectedDialect() {
    return SqlDialect.POSTGRESQL;
  }

  @Override
  String dropSchemaStatement(String schema) {
    return "DROP SCHEMA " + schema + " CASCADE";
  }
}
