package com.dberi.webhooks;

import com.dberi.webhooks.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the processor contract on a JDBC store in an in-memory H2 database. */
class WebhookProcessorH2Test extends JdbcWebhookProcessorContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
