package com.dberi.webhooks.spring;

import com.dberi.webhooks.HandlerTransaction;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an event's handlers and the JDBC store's completion in one Spring-managed transaction, so
 * that the handlers' writes and the "processed" record commit or roll back together.
 *
 * <p>It applies only to the auto-configured JDBC store, whose DataSource is known. The handlers run
 * in a {@link TransactionTemplate} with propagation REQUIRED, so a {@code @Transactional} handler
 * joins it, and the store completes on the transaction's connection. Claims and releases stay on
 * the store's own connections, so they commit at once and other deliveries see them.
 */
final class SpringTransactions {

  private static final Logger log = LoggerFactory.getLogger(SpringTransactions.class);

  private final ObjectProvider<PlatformTransactionManager> transactionManagers;

  SpringTransactions(ObjectProvider<PlatformTransactionManager> transactionManagers) {
    this.transactionManagers = transactionManagers;
  }

  /**
   * Gives {@code builder} the store, wrapped to join transactions when it is the auto-configured
   * JDBC store described by {@code binding}, and a transactional {@link HandlerTransaction}.
   */
  void configure(WebhookProcessor.Builder builder, IdempotencyStore store, JdbcStoreBinding binding) {
    if (binding == null || binding.store() != store) {
      builder.idempotencyStore(store);
      return;
    }
    PlatformTransactionManager transactionManager = transactionManagers.getIfUnique();
    if (transactionManager == null) {
      log.warn(
          "The context has several PlatformTransactionManager beans and none is @Primary, so Dberi"
              + " webhook handlers run without a transaction and the JDBC idempotency store commits"
              + " its records on its own; mark the DataSource's transaction manager @Primary");
      builder.idempotencyStore(store);
      return;
    }
    builder.idempotencyStore(new TransactionAwareJdbcStore(binding.store(), binding.dataSource()));
    builder.handlerTransaction(new TemplateHandlerTransaction(new TransactionTemplate(transactionManager)));
    log.debug(
        "Dberi webhook handlers and the JDBC idempotency store share transactions of {}",
        transactionManager);
  }

  /** Runs the work in a transaction template, passing checked exceptions through unchanged. */
  static final class TemplateHandlerTransaction implements HandlerTransaction {

    private final TransactionTemplate template;

    TemplateHandlerTransaction(TransactionTemplate template) {
      this.template = template;
    }

    @Override
    public void execute(Work work) throws Exception {
      try {
        template.executeWithoutResult(
            status -> {
              try {
                work.run();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new CheckedWorkException(e);
              }
            });
      } catch (CheckedWorkException e) {
        throw e.checked();
      }
    }

    @Override
    public String toString() {
      return "TemplateHandlerTransaction{" + template.getTransactionManager() + "}";
    }
  }

  /** Carries a checked exception out of the template, which rolls back on unchecked ones. */
  private static final class CheckedWorkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckedWorkException(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }

    Exception checked() {
      return (Exception) getCause();
    }
  }
}
