package com.dberi.webhooks.spring;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auto-configured JDBC store on an in-memory H2 database. */
class H2JdbcStoreTest extends JdbcStoreContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
