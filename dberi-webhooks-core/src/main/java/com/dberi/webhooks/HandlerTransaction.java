package com.dberi.webhooks;

/**
 * Runs an event's handlers and the idempotency store's completion as one unit of work.
 *
 * <p>The default runs the work directly. An application whose handlers write to the same database
 * as a {@link com.dberi.webhooks.idempotency.JdbcIdempotencyStore} can run the work in a
 * transaction, with a store whose completion joins it, so that the handlers' writes and the
 * "processed" record commit or roll back together. If completion finds that another delivery took
 * over the claim, it throws inside the work, and a transactional implementation rolls the handlers'
 * writes back.
 */
@FunctionalInterface
public interface HandlerTransaction {

  /** Runs the work directly, without a transaction. */
  HandlerTransaction NONE = Work::run;

  /**
   * Runs {@code work}, committing if it returns and rolling back if it throws.
   *
   * @throws Exception what the work threw, or a failure to commit
   */
  void execute(Work work) throws Exception;

  /** The handlers of one event followed by the store's completion. */
  @FunctionalInterface
  interface Work {

    /** Runs the handlers and the completion. */
    void run() throws Exception;
  }
}
