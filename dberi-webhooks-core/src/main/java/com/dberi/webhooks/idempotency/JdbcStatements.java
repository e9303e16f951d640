package com.dberi.webhooks.idempotency;

/**
 * The SQL that a {@link JdbcIdempotencyStore} runs, for one dialect and table. The table name is
 * concatenated into the statements, so the builder accepts only plain identifiers.
 */
final class JdbcStatements {

  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String PROCESSED = "PROCESSED";

  /** Parameters: key, owner, expires_at, claimed_at. */
  final String insertIfAbsent;

  /** Parameters: owner, expires_at, claimed_at, key, now. */
  final String takeOverExpired;

  /** Parameters: key. Returns the state column. */
  final String selectState;

  /** Parameters: expires_at, completed_at, key, owner. */
  final String complete;

  /** Parameters: key, owner. */
  final String release;

  /** Parameters: now, batch size, and for PostgreSQL and H2 now again. */
  final String purgeBatch;

  /** Selects no row but every column, to check that the table exists. */
  final String probeTable;

  JdbcStatements(SqlDialect dialect, String table) {
    this.insertIfAbsent = insertIfAbsent(dialect, table);
    this.takeOverExpired =
        "UPDATE " + table
            + " SET state = '" + IN_PROGRESS + "', owner = ?, expires_at = ?, claimed_at = ?,"
            + " completed_at = NULL"
            + " WHERE idempotency_key = ? AND expires_at < ?";
    this.selectState = "SELECT state FROM " + table + " WHERE idempotency_key = ?";
    this.complete =
        "UPDATE " + table
            + " SET state = '" + PROCESSED + "', expires_at = ?, completed_at = ?"
            + " WHERE idempotency_key = ? AND owner = ? AND state = '" + IN_PROGRESS + "'";
    this.release =
        "DELETE FROM " + table
            + " WHERE idempotency_key = ? AND owner = ? AND state = '" + IN_PROGRESS + "'";
    this.purgeBatch = purgeBatch(dialect, table);
    this.probeTable = "SELECT * FROM " + table + " WHERE 1 = 0";
  }

  /**
   * Returns an insert that counts 0 rather than failing when the key exists, so that the outcome
   * comes from the row count and no error aborts a transaction.
   *
   * <p>On MySQL, INSERT ... ON DUPLICATE KEY UPDATE would count 1 for an unchanged duplicate when
   * the driver reports found rows, as MariaDB Connector/J does by default, while INSERT IGNORE
   * counts 0 in both modes. IGNORE also turns data errors into warnings, so the store checks key
   * and owner lengths before it inserts.
   */
  private static String insertIfAbsent(SqlDialect dialect, String table) {
    String columns = " (idempotency_key, state, owner, expires_at, claimed_at)";
    String values = " VALUES (?, '" + IN_PROGRESS + "', ?, ?, ?)";
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO " + table + columns + values
          + " ON CONFLICT (idempotency_key) DO NOTHING";
      case MYSQL -> "INSERT IGNORE INTO " + table + columns + values;
      case H2 -> "MERGE INTO " + table + " AS target USING (VALUES ("
          + "CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS BIGINT)"
          + ")) AS source (idempotency_key, owner, expires_at, claimed_at)"
          + " ON target.idempotency_key = source.idempotency_key"
          + " WHEN NOT MATCHED THEN INSERT" + columns
          + " VALUES (source.idempotency_key, '" + IN_PROGRESS + "', source.owner,"
          + " source.expires_at, source.claimed_at)";
    };
  }

  /**
   * Returns a delete of at most one batch of expired rows. PostgreSQL has no DELETE ... LIMIT, so
   * the keys come from a sub-select. The outer condition on expires_at is checked again on the
   * current row, so that a row which a concurrent claim took over after the sub-select stays.
   */
  private static String purgeBatch(SqlDialect dialect, String table) {
    if (dialect == SqlDialect.MYSQL) {
      return "DELETE FROM " + table
          + " WHERE expires_at < ? ORDER BY expires_at, idempotency_key LIMIT ?";
    }
    return "DELETE FROM " + table
        + " WHERE idempotency_key IN (SELECT idempotency_key FROM " + table
        + " WHERE expires_at < ? LIMIT ?) AND expires_at < ?";
  }
}
