package com.dberi.webhooks.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IdempotencyStore} in a relational database table, shared by every application instance
 * that uses the same database. Supports PostgreSQL, MySQL, MariaDB and H2 through {@link
 * SqlDialect}, and needs nothing beyond JDBC.
 *
 * <p>Create the table with the DDL script of the dialect, shipped in this jar as {@code
 * com/dberi/webhooks/idempotency/schema-postgresql.sql}, {@code schema-mysql.sql} or {@code
 * schema-h2.sql}, or let {@link Builder#createTableIfMissing(boolean)} run it. {@link
 * Builder#build()} checks that the table exists with the expected columns.
 *
 * <pre>{@code
 * JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource)
 *     .tableName("dberi_webhook_events")
 *     .retention(Duration.ofDays(7))
 *     .build();
 * }</pre>
 *
 * <p><b>Transactions.</b> Each call of {@link #claim}, {@link #complete(String, String)}, {@link
 * #release} and {@link #purgeExpired} takes its own connection from the data source, runs its
 * statements in auto-commit mode and returns the connection. The store therefore never joins a
 * transaction of the caller: a claim is visible to other instances at once, and a completion stays
 * even if the caller's own transaction rolls back afterwards. Pass a plain data source, not one
 * that hands out the connection of the current transaction (such as Spring's {@code
 * TransactionAwareDataSourceProxy}), because the store switches a connection to auto-commit for
 * its work and back afterwards. To commit the completion together with the handler's writes, call
 * {@link #complete(Connection, String, String)} with the caller's connection instead.
 *
 * <p><b>Expired rows.</b> A processed key is kept for the retention period. {@link #purgeExpired}
 * deletes rows whose lease or retention ended, and {@link #claim} runs it at most once per purge
 * interval on the calling thread. An expired row that was not purged yet is taken over by the next
 * claim, so the purge only bounds the table's size.
 *
 * <p>Instances are immutable and thread-safe. All times come from the configured {@link Clock}, so
 * application instances that share a table need clocks that agree within a small part of the lease.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {

  /*
   * Design note: the claim protocol.
   *
   * The table holds one row per key. While a delivery holds the claim, the row is IN_PROGRESS and
   * expires_at is the end of its lease. Once completed, the row is PROCESSED and expires_at is the
   * completion time plus the retention. A row whose expires_at has passed means nothing any more.
   *
   * claim() runs up to three statements, each one atomic on its own in auto-commit mode:
   *
   * 1. Insert if absent. The primary key lets exactly one of several concurrent inserts of a key
   *    succeed. Each dialect uses a form that counts 0 rows for an existing key instead of failing,
   *    so the outcome is read from the row count. Catching a unique-key error instead would abort
   *    the surrounding transaction on PostgreSQL and could hide a real error.
   * 2. Take over an expired row with UPDATE ... WHERE idempotency_key = ? AND expires_at < now. The
   *    database checks the condition again under the row lock, so of two concurrent takeovers only
   *    one counts a row: the second finds the new, unexpired expires_at. Reading the row first and
   *    updating it after would let both take it over. This step also reclaims a processed row past
   *    its retention that the purge has not deleted yet.
   * 3. Read the state, to tell ALREADY_PROCESSED from IN_PROGRESS. If the row vanished between the
   *    steps, because its owner released it or the purge deleted it, the claim starts over, at most
   *    MAX_CLAIM_ATTEMPTS times.
   *
   * Owner tokens: complete() and release() match the owner and the IN_PROGRESS state, so a worker
   * whose lease expired and was taken over changes nothing, and cannot mark as processed an event
   * that the new owner is still handling.
   *
   * Row counts on MariaDB and MySQL: MariaDB Connector/J reports found rows, the rows that the
   * WHERE clause matched, unless useAffectedRows=true. The UPDATE statements here always change the
   * rows they match, and INSERT IGNORE counts 0 for a duplicate, so both settings give the same
   * counts.
   */

  /** Table name used unless {@link Builder#tableName} sets another: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "dberi_webhook_events";

  static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
  static final int DEFAULT_PURGE_BATCH_SIZE = 1000;
  static final int MAX_CLAIM_ATTEMPTS = 3;

  /** Every column that the store reads or writes, in lower case. */
  static final List<String> COLUMNS =
      List.of("idempotency_key", "state", "owner", "expires_at", "claimed_at", "completed_at");

  private static final Logger LOG = LoggerFactory.getLogger(JdbcIdempotencyStore.class);

  private final DataSource dataSource;
  private final String tableName;
  private final SqlDialect dialect;
  private final Duration retention;
  private final Clock clock;
  private final Duration purgeInterval;
  private final int purgeBatchSize;
  private final JdbcStatements sql;

  /** Epoch milliseconds from which the next claim runs the purge. */
  private final AtomicLong nextPurgeMillis;

  private JdbcIdempotencyStore(Builder builder, SqlDialect dialect) {
    this.dataSource = builder.dataSource;
    this.tableName = builder.tableName;
    this.dialect = dialect;
    this.retention = builder.retention;
    this.clock = builder.clock;
    this.purgeInterval = builder.purgeInterval;
    this.purgeBatchSize = builder.purgeBatchSize;
    this.sql = new JdbcStatements(dialect, tableName);
    this.nextPurgeMillis = new AtomicLong(clock.millis());
  }

  /**
   * Starts the configuration of a store over {@code dataSource}.
   *
   * @param dataSource the database, handing out connections that are not bound to a transaction of
   *     the caller
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Before it claims, this method deletes expired rows if the purge interval has passed since
   * the last purge of this instance, or if this is the instance's first claim. A failure of that
   * purge is logged as a warning and does not fail the claim.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code key} or {@code owner} is blank or too long, or
   *     {@code lease} is not positive
   */
  @Override
  public ClaimResult claim(String key, String owner, Duration lease) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);
    StoreArguments.checkLease(lease);

    purgeIfDue();
    return withConnection(
        "claim key " + StoreArguments.describe(key) + " in table " + tableName,
        connection -> claim(connection, key, owner, lease));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The completion commits at once, in its own connection. It succeeds also when the lease has
   * expired, as long as no other delivery has claimed the key since.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code key} or {@code owner} is blank or too long
   */
  @Override
  public boolean complete(String key, String owner) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);

    return withConnection(
        "complete key " + StoreArguments.describe(key) + " in table " + tableName,
        connection -> completeOn(connection, key, owner));
  }

  /**
   * Marks {@code key} processed, like {@link #complete(String, String)}, but runs the update on
   * {@code connection} within the caller's transaction, so that the completion commits or rolls
   * back together with the handler's own writes. This method neither commits nor closes the
   * connection and leaves its auto-commit mode as it is. The connection must reach the database
   * and table of this store.
   *
   * <p>The update locks the key's row until the caller's transaction ends, and a concurrent claim
   * of the key waits for that end on PostgreSQL, MySQL, MariaDB and H2. H2 fails the waiting claim
   * after its lock timeout, and the other databases after theirs if one is set. Keep the
   * transaction short. If it rolls back, the claim stays in progress until {@link #release} or the
   * end of the lease.
   *
   * @param connection the caller's connection, usually with auto-commit off
   * @return {@code true} if the key was marked; {@code false} if the claim was no longer {@code
   *     owner}'s
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code key} or {@code owner} is blank or too long
   * @throws IdempotencyStoreException if the update fails; on PostgreSQL the caller's transaction
   *     is then aborted and must be rolled back
   */
  public boolean complete(Connection connection, String key, String owner) {
    Objects.requireNonNull(connection, "connection");
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);

    try {
      return completeOn(connection, key, owner);
    } catch (SQLException e) {
      throw failure(
          "complete key "
              + StoreArguments.describe(key)
              + " in table "
              + tableName
              + " on the caller's connection",
          e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code key} or {@code owner} is blank or too long
   */
  @Override
  public void release(String key, String owner) {
    StoreArguments.checkKey(key);
    StoreArguments.checkOwner(owner);

    int released =
        withConnection(
            "release key " + StoreArguments.describe(key) + " in table " + tableName,
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql.release)) {
                statement.setString(1, key);
                statement.setString(2, owner);
                return statement.executeUpdate();
              }
            });
    LOG.debug(
        "Released key {} in table {}: {} row deleted",
        StoreArguments.describe(key),
        tableName,
        released);
  }

  /**
   * Deletes the rows whose lease or retention has ended, in batches of the configured purge batch
   * size, each committed on its own, until a batch deletes fewer rows than the batch size. Safe to
   * run from several instances at once.
   *
   * @return the number of rows deleted
   * @throws IdempotencyStoreException if the database cannot be reached or reports an error
   */
  public int purgeExpired() {
    int deleted = withConnection("purge expired rows from table " + tableName, this::purge);
    LOG.debug("Purged {} expired rows from table {}", deleted, tableName);
    return deleted;
  }

  /** Returns a description with the table, the dialect and the retention, for logs. */
  @Override
  public String toString() {
    return "JdbcIdempotencyStore[table="
        + tableName
        + ", dialect="
        + dialect
        + ", retention="
        + retention
        + "]";
  }

  String tableName() {
    return tableName;
  }

  SqlDialect dialect() {
    return dialect;
  }

  private ClaimResult claim(Connection connection, String key, String owner, Duration lease)
      throws SQLException {
    for (int attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
      long now = clock.millis();
      long leaseEnd = StoreArguments.millisAfter(now, lease);

      if (insertIfAbsent(connection, key, owner, leaseEnd, now)) {
        LOG.debug("Claimed key {} in table {}", StoreArguments.describe(key), tableName);
        return ClaimResult.CLAIMED;
      }
      if (takeOverExpired(connection, key, owner, leaseEnd, now)) {
        LOG.info(
            "Claimed key {} in table {} over an expired row: an abandoned claim, or a processed"
                + " key past its retention",
            StoreArguments.describe(key),
            tableName);
        return ClaimResult.CLAIMED;
      }
      String state = selectState(connection, key);
      if (state != null) {
        return toClaimResult(state, key);
      }
      LOG.debug(
          "Key {} in table {} was deleted during claim attempt {}, trying again",
          StoreArguments.describe(key),
          tableName,
          attempt);
    }

    // Each attempt ends here only if another worker deleted the row between two statements.
    LOG.warn(
        "Key {} in table {} was inserted and deleted by other workers during {} claim attempts;"
            + " answering IN_PROGRESS so that the sender retries later",
        StoreArguments.describe(key),
        tableName,
        MAX_CLAIM_ATTEMPTS);
    return ClaimResult.IN_PROGRESS;
  }

  private boolean insertIfAbsent(
      Connection connection, String key, String owner, long leaseEnd, long now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.insertIfAbsent)) {
      statement.setString(1, key);
      statement.setString(2, owner);
      statement.setLong(3, leaseEnd);
      statement.setLong(4, now);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      // H2's MERGE can still fail with a unique-key error when another connection inserts the same
      // key at the same moment. The connection is in auto-commit mode, so the failed statement was
      // its own transaction and nothing else was rolled back. The error means that the row exists,
      // which the next steps handle as they do a count of 0.
      if (dialect == SqlDialect.H2 && "23505".equals(e.getSQLState())) {
        LOG.debug(
            "Concurrent insert of key {} in H2, going on with the existing row",
            StoreArguments.describe(key));
        return false;
      }
      throw e;
    }
  }

  private boolean takeOverExpired(
      Connection connection, String key, String owner, long leaseEnd, long now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.takeOverExpired)) {
      statement.setString(1, owner);
      statement.setLong(2, leaseEnd);
      statement.setLong(3, now);
      statement.setString(4, key);
      statement.setLong(5, now);
      return statement.executeUpdate() == 1;
    }
  }

  /** Returns the state of {@code key}'s row, or null if there is no row. */
  private String selectState(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.selectState)) {
      statement.setString(1, key);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private ClaimResult toClaimResult(String state, String key) {
    return switch (state) {
      case JdbcStatements.PROCESSED -> ClaimResult.ALREADY_PROCESSED;
      case JdbcStatements.IN_PROGRESS -> ClaimResult.IN_PROGRESS;
      default -> throw new IdempotencyStoreException(
          "Row of key "
              + StoreArguments.describe(key)
              + " in table "
              + tableName
              + " has state '"
              + StoreArguments.describe(state)
              + "', expected IN_PROGRESS or PROCESSED. Delete the row or fix its state.");
    };
  }

  private boolean completeOn(Connection connection, String key, String owner)
      throws SQLException {
    long now = clock.millis();
    int updated;
    try (PreparedStatement statement = connection.prepareStatement(sql.complete)) {
      statement.setLong(1, StoreArguments.millisAfter(now, retention));
      statement.setLong(2, now);
      statement.setString(3, key);
      statement.setString(4, owner);
      updated = statement.executeUpdate();
    }

    if (updated == 1) {
      LOG.debug("Completed key {} in table {}", StoreArguments.describe(key), tableName);
    } else {
      LOG.debug(
          "Key {} in table {} was not completed: the owner no longer holds its claim",
          StoreArguments.describe(key),
          tableName);
    }
    return updated == 1;
  }

  private int purge(Connection connection) throws SQLException {
    long now = clock.millis();
    int total = 0;
    int deleted;
    try (PreparedStatement statement = connection.prepareStatement(sql.purgeBatch)) {
      do {
        statement.setLong(1, now);
        statement.setInt(2, purgeBatchSize);
        if (dialect != SqlDialect.MYSQL) {
          statement.setLong(3, now);
        }
        deleted = statement.executeUpdate();
        total += deleted;
      } while (deleted >= purgeBatchSize);
    }
    return total;
  }

  /**
   * Runs the purge if the interval has passed. The compare-and-set lets one of several concurrent
   * claims run it, and the others go on without waiting.
   */
  private void purgeIfDue() {
    long now = clock.millis();
    long due = nextPurgeMillis.get();
    if (now < due
        || !nextPurgeMillis.compareAndSet(due, StoreArguments.millisAfter(now, purgeInterval))) {
      return;
    }

    try {
      purgeExpired();
    } catch (RuntimeException e) {
      LOG.warn(
          "Failed to purge expired rows from table {}. The claim goes on, and the next purge runs"
              + " in {}.",
          tableName,
          purgeInterval,
          e);
    }
  }

  /** Creates the table and its index unless they exist. */
  private void createTable() {
    List<String> statements = SchemaScript.statements(dialect, tableName);
    withConnection(
        "create table " + tableName,
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String ddl : statements) {
              statement.execute(ddl);
            }
          }
          return null;
        });
    LOG.info("Created table {} for the idempotency store unless it existed", tableName);
  }

  /** Checks that the table exists and has every column that the store uses. */
  private void checkTable() {
    Set<String> missing =
        withConnection(
            "read the columns of table " + tableName,
            connection -> {
              try (Statement statement = connection.createStatement();
                  ResultSet rows = statement.executeQuery(sql.probeTable)) {
                return missingColumns(rows.getMetaData());
              } catch (SQLException e) {
                if (isConnectionFailure(e)) {
                  throw e;
                }
                throw new IdempotencyStoreException(tableNotFoundMessage(e), e);
              }
            });

    if (!missing.isEmpty()) {
      throw new IdempotencyStoreException(
          "Table "
              + tableName
              + " lacks the columns "
              + missing
              + " that the idempotency store needs ("
              + dialect
              + " dialect). Compare it with the DDL in resource "
              + dialect.schemaResource()
              + " of the dberi-webhooks-core jar, then add the columns or recreate the table.");
    }
  }

  private static Set<String> missingColumns(ResultSetMetaData metaData) throws SQLException {
    Set<String> present = new LinkedHashSet<>();
    for (int column = 1; column <= metaData.getColumnCount(); column++) {
      present.add(metaData.getColumnName(column).toLowerCase(Locale.ROOT));
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String column : COLUMNS) {
      if (!present.contains(column)) {
        missing.add(column);
      }
    }
    return missing;
  }

  private String tableNotFoundMessage(SQLException e) {
    String renaming =
        tableName.equals(DEFAULT_TABLE_NAME)
            ? ""
            : " with " + DEFAULT_TABLE_NAME + " replaced by " + tableName + ",";
    return "Table "
        + tableName
        + " of the idempotency store was not found or cannot be read ("
        + dialect
        + " dialect, SQLState "
        + e.getSQLState()
        + "). Create it with the DDL in resource "
        + dialect.schemaResource()
        + " of the dberi-webhooks-core jar,"
        + renaming
        + " or let the store create it with JdbcIdempotencyStore.builder(dataSource)"
        + ".createTableIfMissing(true).";
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || (state != null && state.startsWith("08"));
  }

  /**
   * Runs {@code work} on a connection of its own in auto-commit mode, restores the connection's
   * auto-commit flag and closes it.
   */
  private <T> T withConnection(String action, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      try {
        return work.run(connection);
      } finally {
        if (!autoCommit) {
          connection.setAutoCommit(false);
        }
      }
    } catch (SQLException e) {
      throw failure(action, e);
    }
  }

  private IdempotencyStoreException failure(String action, SQLException e) {
    return new IdempotencyStoreException(
        "Failed to "
            + action
            + " ("
            + dialect
            + " dialect, SQLState "
            + e.getSQLState()
            + "). Check that the database is reachable and that the table matches the DDL in"
            + " resource "
            + dialect.schemaResource()
            + ".",
        e);
  }

  /** Work on a connection that may fail with an {@link SQLException}. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Configures a {@link JdbcIdempotencyStore}. Each setter checks its argument when it is called.
   * A builder is not thread-safe; the store it builds is.
   */
  public static final class Builder {

    /**
     * One identifier, or a schema and a table separated by a dot: a letter or underscore, then
     * letters, digits and underscores. The index name appends 15 characters to the table part,
     * and 48 + 15 stays within the 63 characters that PostgreSQL keeps.
     */
    private static final Pattern TABLE_NAME =
        Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,47}\\.)?[A-Za-z_][A-Za-z0-9_]{0,47}");

    private final DataSource dataSource;
    private String tableName = DEFAULT_TABLE_NAME;
    private SqlDialect dialect;
    private Duration retention = DEFAULT_RETENTION;
    private Clock clock = Clock.systemUTC();
    private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
    private int purgeBatchSize = DEFAULT_PURGE_BATCH_SIZE;
    private boolean createTableIfMissing;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the table, by default {@value JdbcIdempotencyStore#DEFAULT_TABLE_NAME}. The name goes
     * into the SQL as it is, so it must be an unquoted identifier of at most 48 letters, digits and
     * underscores, not starting with a digit, optionally preceded by a schema name and a dot. The
     * database folds its case as it does for any unquoted name.
     *
     * @throws IllegalArgumentException if {@code tableName} is not such an identifier
     */
    public Builder tableName(String tableName) {
      Objects.requireNonNull(tableName, "tableName");
      if (!TABLE_NAME.matcher(tableName).matches()) {
        throw new IllegalArgumentException(
            "tableName must be an SQL identifier of at most 48 letters, digits and underscores,"
                + " optionally preceded by a schema name and a dot, was '"
                + StoreArguments.describe(tableName)
                + "'");
      }
      this.tableName = tableName;
      return this;
    }

    /**
     * Sets the SQL dialect. Unless set, {@link #build()} detects it from the database product name
     * and fails for a product other than PostgreSQL, MySQL, MariaDB and H2.
     */
    public Builder dialect(SqlDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Sets how long a processed key is remembered, by default {@link
     * IdempotencyStore#DEFAULT_RETENTION}. Keep it longer than the sender's retry span, or a late
     * retry is processed again.
     *
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /** Sets the clock that times leases and retention, by default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how often {@link JdbcIdempotencyStore#claim} purges expired rows, at most once per
     * interval and store instance, by default 1 hour. To purge on a schedule of your own instead,
     * set a long interval and call {@link JdbcIdempotencyStore#purgeExpired()}.
     *
     * @throws IllegalArgumentException if {@code purgeInterval} is not positive
     */
    public Builder purgeInterval(Duration purgeInterval) {
      this.purgeInterval = positive(purgeInterval, "purgeInterval");
      return this;
    }

    /**
     * Sets how many rows one purge statement deletes at most, by default 1000. Smaller batches hold
     * locks for a shorter time.
     *
     * @throws IllegalArgumentException if {@code purgeBatchSize} is not positive
     */
    public Builder purgeBatchSize(int purgeBatchSize) {
      if (purgeBatchSize <= 0) {
        throw new IllegalArgumentException(
            "purgeBatchSize must be positive, was " + purgeBatchSize);
      }
      this.purgeBatchSize = purgeBatchSize;
      return this;
    }

    /**
     * Makes {@link #build()} create the table and its index from the dialect's DDL script unless
     * they exist, by default {@code false}. The database user then needs the privilege to create
     * tables.
     */
    public Builder createTableIfMissing(boolean createTableIfMissing) {
      this.createTableIfMissing = createTableIfMissing;
      return this;
    }

    /**
     * Builds the store. Detects the dialect unless it was set, creates the table if {@link
     * #createTableIfMissing(boolean)} asked for it, and checks that the table has the expected
     * columns.
     *
     * @throws IdempotencyStoreException if the database cannot be reached, if its product is not
     *     supported and no dialect was set, or if the table is missing or lacks columns. The
     *     message names the DDL script to run.
     */
    public JdbcIdempotencyStore build() {
      SqlDialect resolved = dialect != null ? dialect : detectDialect();
      JdbcIdempotencyStore store = new JdbcIdempotencyStore(this, resolved);

      IdempotencyStoreException createFailure = null;
      if (createTableIfMissing) {
        try {
          store.createTable();
        } catch (IdempotencyStoreException e) {
          createFailure = e;
        }
      }
      try {
        store.checkTable();
      } catch (IdempotencyStoreException e) {
        if (createFailure != null) {
          createFailure.addSuppressed(e);
          throw createFailure;
        }
        throw e;
      }
      if (createFailure != null) {
        // Another instance can create the table at the same moment, and PostgreSQL then fails one
        // of two concurrent CREATE TABLE IF NOT EXISTS. The check above found the table usable.
        LOG.warn(
            "Failed to create table {}, but the table exists now; going on with it",
            store.tableName,
            createFailure);
      }

      LOG.info("Idempotency store ready: {}", store);
      return store;
    }

    private SqlDialect detectDialect() {
      String productName;
      try (Connection connection = dataSource.getConnection()) {
        productName = connection.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        throw new IdempotencyStoreException(
            "Failed to read the database product name to detect the SQL dialect (SQLState "
                + e.getSQLState()
                + "). Check that the database is reachable, or set the dialect with"
                + " JdbcIdempotencyStore.builder(dataSource).dialect(...).",
            e);
      }
      SqlDialect detected = SqlDialect.fromProductName(productName);
      LOG.debug("Detected SQL dialect {} from database product {}", detected, productName);
      return detected;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
