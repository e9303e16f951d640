package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs the processor contract on a {@link JdbcIdempotencyStore} in a fresh table. A subclass names
 * the database; a server that cannot be reached skips its tests, or fails them when CI=true.
 */
abstract class JdbcWebhookProcessorContract extends WebhookProcessorContract {

  private String tableName;

  abstract TestDatabase database();

  @Override
  IdempotencyStore createStore(Clock clock, Duration retention) {
    tableName = database().newTableName();
    return JdbcIdempotencyStore.builder(database().dataSource())
        .tableName(tableName)
        .createTableIfMissing(true)
        .clock(clock)
        .retention(retention)
        .build();
  }

  @Override
  int purgeExpired(IdempotencyStore store) {
    return ((JdbcIdempotencyStore) store).purgeExpired();
  }

  @Test
  void missingTableAnswers500() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    database().execute("DROP TABLE " + tableName);

    try (ErrCapture err = new ErrCapture()) {
      WebhookResult result = deliver(processor, expired("evt_notable"));

      assertThat(result.status()).isEqualTo(500);
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.body()).isEqualTo("idempotency store unavailable; retry later");
      assertThat(err.text()).contains("Idempotency store failed to claim event evt_notable");
    }
    assertThat(runs).hasValue(0);
  }
}
