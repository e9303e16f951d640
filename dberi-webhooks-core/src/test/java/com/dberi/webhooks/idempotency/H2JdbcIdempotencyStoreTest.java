package com.dberi.webhooks.idempotency;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the store contract and the JDBC cases against an in-memory H2 database. */
class H2JdbcIdempotencyStoreTest extends AbstractJdbcIdempotencyStoreTest {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  SqlDialect expectedDialect() {
    return SqlDialect.H2;
  }

  @Override
  String dropSchemaStatement(String schema) {
    return "DROP SCHEMA " + schema + " CASCADE";
  }
}
