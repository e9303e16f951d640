package com.dberi.webhooks.spring;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** An application with handler methods for every documented type and for failure cases. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  EndpointTestApplication.Calls.class,
  EndpointTestApplication.PaymentHandlers.class,
  EndpointTestApplication.OtherHandlers.class,
  EndpointTestApplication.LedgerHandlers.class,
  EndpointTestApplication.SecondInOrder.class
})
class EndpointTestApplication {

  static final String SECRET = "whsec_endpoint_test";

  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** Every handler call, as "method:event id". */
  @Component
  static class Calls {
    final List<String> calls = new CopyOnWriteArrayList<>();

    void record(String method, Event event) {
      calls.add(method + ":" + event.id().orElse("?"));
    }

    long count(String method, String eventId) {
      return calls.stream().filter((method + ":" + eventId)::equals).count();
    }
  }

  @Component
  static class PaymentHandlers {
    private final Calls calls;

    PaymentHandlers(Calls calls) {
      this.calls = calls;
    }

    @DberiWebhook
    public void completed(PaymentCompleted payment, Event event) {
      calls.record("completed", event);
    }

    @DberiWebhook("payment.failed")
    public void failed(Event event, PaymentFailed payment) {
      calls.record("failed", event);
    }

    @DberiWebhook
    void expired(PaymentExpired payment, Event event) {
      calls.record("expired", event);
    }
  }

  @Component
  static class OtherHandlers {
    private final Calls calls;
    private final AtomicInteger flakyCalls = new AtomicInteger();

    OtherHandlers(Calls calls) {
      this.calls = calls;
    }

    @DberiWebhook({"refund.completed", "payout.paid"})
    public void money(EventData data, Event event) {
      if (data instanceof RefundCompleted) {
        calls.record("refund", event);
      } else if (data instanceof PayoutPaid) {
        calls.record("payout", event);
      } else {
        calls.record("money-unexpected", event);
      }
    }

    /** Fails on its first call and succeeds on every later one. */
    @DberiWebhook("test.flaky")
    public void flaky(Event event) {
      calls.record("flaky", event);
      if (flakyCalls.incrementAndGet() == 1) {
        throw new IllegalStateException("flaky handler fails on its first call");
      }
    }

    @DberiWebhook("test.ordered")
    @Order(2)
    public void orderedFirstByName(Event event) {
      calls.record("ordered-2", event);
    }

    @DberiWebhook(fallback = true)
    public void fallback(Event event) {
      calls.record("fallback", event);
    }
  }

  /** Runs before {@link OtherHandlers#orderedFirstByName} by its bean-level order. */
  @Component
  @Order(1)
  static class SecondInOrder {
    private final Calls calls;

    SecondInOrder(Calls calls) {
      this.calls = calls;
    }

    @DberiWebhook("test.ordered")
    public void ordered(Event event) {
      calls.record("ordered-1", event);
    }
  }

  /** Writes to an H2 table inside the delivery's transaction. */
  @Component
  static class LedgerHandlers {
    private final JdbcTemplate jdbc;
    private final Calls calls;
    private final AtomicInteger commitFailures = new AtomicInteger();

    LedgerHandlers(JdbcTemplate jdbc, Calls calls) {
      this.jdbc = jdbc;
      this.calls = calls;
      jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (event_id VARCHAR(100) NOT NULL)");
    }

    int rows(String eventId) {
      Integer count =
          jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE event_id = ?", Integer.class, eventId);
      return count == null ? 0 : count;
    }

    /** Inserts a row, then throws when the event data contains {@code "fail":true}. */
    @DberiWebhook("test.ledger")
    @Transactional
    public void ledger(EventData data, Event event) {
      calls.record("ledger", event);
      jdbc.update("INSERT INTO ledger (event_id) VALUES (?)", event.id().orElseThrow());
      if (event.json().contains("\"fail\":true")) {
        throw new IllegalStateException("ledger handler asked to fail");
      }
    }

    /**
     * Inserts a row, and makes the first commit fail after the handler returned and the store
     * completed, so that both the row and the "processed" record must roll back.
     */
    @DberiWebhook("test.commit")
    @Transactional
    public void commit(Event event) {
      calls.record("commit", event);
      jdbc.update("INSERT INTO ledger (event_id) VALUES (?)", event.id().orElseThrow());
      if (commitFailures.getAndIncrement() == 0) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void beforeCommit(boolean readOnly) {
                throw new IllegalStateException("commit fails once");
              }
            });
      }
    }
  }
}
