package com.dberi.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookResult;
import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.spring.test.DberiWebhookRequests;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testsupport.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the auto-configured JDBC store against one database: deliveries are recorded in the
 * configured table, and a handler's writes roll back with the "processed" record.
 */
abstract class JdbcStoreContract {

  private static final String SECRET = "whsec_jdbc";

  abstract TestDatabase database();

  /** Writes a row per event and fails when asked, inside the delivery's transaction. */
  static class LedgerHandler {
    private final JdbcTemplate jdbc;
    private final String table;
    private final AtomicInteger calls = new AtomicInteger();

    LedgerHandler(DataSource dataSource, String table) {
      this.jdbc = new JdbcTemplate(dataSource);
      this.table = table;
      jdbc.execute("CREATE TABLE " + table + " (event_id VARCHAR(100) NOT NULL)");
    }

    @DberiWebhook("test.ledger")
    @Transactional
    public void ledger(Event event) {
      calls.incrementAndGet();
      jdbc.update("INSERT INTO " + table + " (event_id) VALUES (?)", event.id().orElseThrow());
      if (event.json().contains("\"fail\":true")) {
        throw new IllegalStateException("ledger handler asked to fail");
      }
    }

    int calls() {
      return calls.get();
    }

    int rows() {
      Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
      return count == null ? 0 : count;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class Transactions {
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  private WebApplicationContextRunner runner(String storeTable, String ledgerTable) {
    DataSource dataSource = database().dataSource();
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DberiWebhooksAutoConfiguration.class))
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Transactions.class)
        .withBean("ledgerHandler", LedgerHandler.class, () -> new LedgerHandler(dataSource, ledgerTable))
        .withPropertyValues(
            "dberi.webhooks.secret=" + SECRET,
            "dberi.webhooks.idempotency.store=jdbc",
            "dberi.webhooks.idempotency.create-table=true",
            "dberi.webhooks.idempotency.table-name=" + storeTable);
  }

  private static WebhookResult deliver(WebhookProcessor processor, String json) {
    SignedDelivery delivery = DberiWebhookRequests.withSecret(SECRET).sign(json);
    return processor.process(delivery.body(), delivery.signatureHeader(), delivery.timestampHeader());
  }

  private int storedEvents(String table) {
    Integer count =
        new JdbcTemplate(database().dataSource()).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    return count == null ? 0 : count;
  }

  @Test
  void storeRecordsEventInTable() {
    String storeTable = database().newTableName();
    String ledgerTable = database().newTableName();
    runner(storeTable, ledgerTable)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(JdbcIdempotencyStore.class).toString()).contains(storeTable);
              WebhookProcessor processor = context.getBean(WebhookProcessor.class);
              String json = DberiWebhookRequests.withSecret(SECRET).eventJson("evt_jdbc_1", new PaymentExpired("pay_1"));

              WebhookResult first = deliver(processor, json);
              WebhookResult duplicate = deliver(processor, json);

              assertThat(first.outcome()).isEqualTo(Outcome.IGNORED);
              assertThat(duplicate.outcome()).isEqualTo(Outcome.DUPLICATE);
              assertThat(storedEvents(storeTable)).isEqualTo(1);
            });
  }

  @Test
  void failedHandlerRollsBackWithRecord() {
    String storeTable = database().newTableName();
    String ledgerTable = database().newTableName();
    runner(storeTable, ledgerTable)
        .run(
            context -> {
              WebhookProcessor processor = context.getBean(WebhookProcessor.class);
              LedgerHandler handler = context.getBean(LedgerHandler.class);

              WebhookResult failed =
                  deliver(processor, "{\"id\":\"evt_jdbc_2\",\"type\":\"test.ledger\",\"data\":{\"fail\":true}}");
              int rowsAfterFailure = handler.rows();
              WebhookResult retry =
                  deliver(processor, "{\"id\":\"evt_jdbc_2\",\"type\":\"test.ledger\",\"data\":{\"fail\":false}}");

              assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
              assertThat(rowsAfterFailure).isZero();
              assertThat(retry.outcome()).isEqualTo(Outcome.PROCESSED);
              assertThat(handler.calls()).isEqualTo(2);
              assertThat(handler.rows()).isEqualTo(1);
            });
  }
}
