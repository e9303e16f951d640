-- Table of the Dberi webhooks JdbcIdempotencyStore, for H2 2.x.
-- To use another table name, replace dberi_webhook_events in every statement below.
--
-- One row per idempotency key (the event id).
-- Times are epoch milliseconds from the store's clock.
--   state        IN_PROGRESS while a delivery owns the claim,
--                PROCESSED once its handlers succeeded.
--   owner        token of the delivery attempt that holds or last held the claim.
--   expires_at   end of the lease while IN_PROGRESS, completion time plus retention once PROCESSED.
--                After it passes, a new claim may take the row over and the purge may delete it.
--   claimed_at   time of the current claim.
--   completed_at time the claim was completed, NULL while IN_PROGRESS.
CREATE TABLE IF NOT EXISTS dberi_webhook_events (
  idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY,
  state           VARCHAR(16)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'PROCESSED')),
  owner           VARCHAR(64),
  expires_at      BIGINT       NOT NULL,
  claimed_at      BIGINT       NOT NULL,
  completed_at    BIGINT
);

-- The purge deletes rows by expires_at.
CREATE INDEX IF NOT EXISTS dberi_webhook_events_expires_at_idx ON dberi_webhook_events (expires_at);
