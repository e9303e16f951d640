package com.dberi.webhooks;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the processor contract on a JDBC store in the local PostgreSQL server. */
class WebhookProcessorPostgresTest extends JdbcWebhookProcessorContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
