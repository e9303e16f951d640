-- Table of the Dberi webhooks JdbcIdempotencyStore, for MySQL and MariaDB with InnoDB.
-- To use another table name, replace dberi_webhook_events in every statement below.
--
-- One row per idempotency key (the event id).
-- Times are epoch milliseconds from the store's clock.
--   idempotency_key and owner are binary strings, so that keys compare byte for byte: the default
--                collations ignore case, and utf8mb4_bin ignores trailing spaces.
--                1020 bytes hold 255 characters of UTF-8.
--   state        IN_PROGRESS while a delivery owns the claim,
--                PROCESSED once its handlers succeeded.
--   owner        token of the delivery attempt that holds or last held the claim.
--   expires_at   end of the lease while IN_PROGRESS, completion time plus retention once PROCESSED.
--                After it passes, a new claim may take the row over and the purge may delete it.
--   claimed_at   time of the current claim.
--   completed_at time the claim was completed, NULL while IN_PROGRESS.
-- The purge deletes rows by expires_at, through the index.
CREATE TABLE IF NOT EXISTS dberi_webhook_events (
  idempotency_key VARBINARY(1020) NOT NULL,
  state           VARCHAR(16)     NOT NULL,
  owner           VARBINARY(256),
  expires_at      BIGINT          NOT NULL,
  claimed_at      BIGINT          NOT NULL,
  completed_at    BIGINT,
  PRIMARY KEY (idempotency_key),
  INDEX dberi_webhook_events_expires_at_idx (expires_at),
  CHECK (state IN ('IN_PROGRESS', 'PROCESSED'))
) ENGINE = InnoDB;
