package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dberi.webhooks.testsupport.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Runs the store contract and the JDBC-specific cases against one database. A subclass registers
 * the {@link TestDatabase} extension and states what differs between databases.
 */
abstract class AbstractJdbcIdempotencyStoreTest extends IdempotencyStoreContractTest {

  private static final Duration ONE_MILLI = Duration.ofMillis(1);
  private static final Duration LONG_PURGE_INTERVAL = Duration.ofDays(365);
  private static final long WORKER_TIMEOUT_SECONDS = 60;

  /** Table of the store that the contract cases use. */
  String table;

  abstract TestDatabase database();

  abstract SqlDialect expectedDialect();

  /** Statement that drops {@code schema} with everything in it. */
  abstract String dropSchemaStatement(String schema);

  @Override
  protected IdempotencyStore createStore(Clock clock) {
    table = database().newTableName();
    return builder(table).createTableIfMissing(true).build();
  }

  @Override
  protected int purgeExpired(IdempotencyStore store) {
    return ((JdbcIdempotencyStore) store).purgeExpired();
  }

  @Test
  void dialectDetected() {
    assertThat(jdbcStore().dialect()).isEqualTo(expectedDialect());
  }

  @Test
  void missingTableRejected() {
    String missing = database().newTableName();

    Throwable thrown = catchThrowable(() -> builder(missing).build());

    assertThat(thrown).isInstanceOf(IdempotencyStoreException.class);
    assertThat(thrown).hasCauseInstanceOf(SQLException.class);
    String sqlState = ((SQLException) thrown.getCause()).getSQLState();
    assertThat(sqlState).startsWith("42");
    assertThat(thrown)
        .hasMessage(
            "Table "
                + missing
                + " of the idempotency store was not found or cannot be read ("
                + expectedDialect()
                + " dialect, SQLState "
                + sqlState
                + "). Create it with the DDL in resource "
                + schemaResource()
                + " of the dberi-webhooks-core jar, with dberi_webhook_events replaced by "
                + missing
                + ", or let the store create it with JdbcIdempotencyStore.builder(dataSource)"
                + ".createTableIfMissing(true).");
  }

  @Test
  void missingColumnsRejected() throws SQLException {
    String partial = database().newTableName();
    database()
        .execute(
            "CREATE TABLE "
                + partial
                + " (idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY, state VARCHAR(16))");

    assertThatThrownBy(() -> builder(partial).build())
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessage(
            "Table "
                + partial
                + " lacks the columns [owner, expires_at, claimed_at, completed_at] that the"
                + " idempotency store needs ("
                + expectedDialect()
                + " dialect). Compare it with the DDL in resource "
                + schemaResource()
                + " of the dberi-webhooks-core jar, then add the columns or recreate the table.");
  }

  @Test
  void createTableIfMissingIdempotent() {
    String shared = database().newTableName();
    JdbcIdempotencyStore first = builder(shared).createTableIfMissing(true).build();
    first.claim("evt_1", "owner-a", LEASE);

    JdbcIdempotencyStore second = builder(shared).createTableIfMissing(true).build();

    assertThat(second.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void schemaQualifiedTableUsable() throws SQLException {
    String schema = "dberi_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    database().execute("CREATE SCHEMA " + schema);
    try {
      JdbcIdempotencyStore qualified =
          builder(schema + "." + table).createTableIfMissing(true).build();

      assertThat(qualified.claim("evt_1", "owner-a", LEASE)).isEqualTo(ClaimResult.CLAIMED);
      assertThat(qualified.complete("evt_1", "owner-a")).isTrue();
      assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    } finally {
      database().execute(dropSchemaStatement(schema));
    }
  }

  @Test
  void explicitDialectUsed() {
    JdbcIdempotencyStore explicit = builder(table).dialect(expectedDialect()).build();

    assertThat(explicit.claim("evt_1", "owner-a", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(explicit.dialect()).isEqualTo(expectedDialect());
  }

  @Test
  void purgeInSeveralBatches() throws SQLException {
    JdbcIdempotencyStore batched =
        builder(table).purgeBatchSize(3).purgeInterval(LONG_PURGE_INTERVAL).build();
    for (int i = 0; i < 10; i++) {
      batched.claim("evt_old_" + i, "owner-a", LEASE);
      batched.complete("evt_old_" + i, "owner-a");
    }
    clock.advance(IdempotencyStore.DEFAULT_RETENTION.plus(ONE_MILLI));
    batched.claim("evt_live", "owner-b", LEASE);

    assertThat(batched.purgeExpired()).isEqualTo(10);
    assertThat(keys()).containsExactly("evt_live");
  }

  @Test
  void purgeOfEmptyTableDeletesNothing() {
    assertThat(jdbcStore().purgeExpired()).isZero();
  }

  @Test
  void claimPurgesOncePerInterval() throws SQLException {
    JdbcIdempotencyStore purging =
        builder(table).retention(Duration.ofMinutes(10)).purgeInterval(Duration.ofHours(1)).build();
    purging.claim("evt_a", "owner-a", LEASE);
    purging.complete("evt_a", "owner-a");

    clock.advance(Duration.ofMinutes(20));
    purging.claim("evt_b", "owner-b", LEASE);
    assertThat(keys()).containsExactly("evt_a", "evt_b");

    clock.advance(Duration.ofMinutes(41));
    purging.claim("evt_c", "owner-c", LEASE);
    assertThat(keys()).containsExactly("evt_c");
  }

  @Test
  void purgeFailureDoesNotFailClaim() {
    AtomicInteger purgeAttempts = new AtomicInteger();
    DataSource failingPurges = failingPurges(database().dataSource(), purgeAttempts);
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(failingPurges).tableName(table).clock(clock).build();

    assertThat(store.claim("evt_1", "owner-a", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(purgeAttempts).hasValue(1);
  }

  @Test
  void processedRowTakenOverWithoutPurge() throws SQLException {
    JdbcIdempotencyStore unpurged = builder(table).purgeInterval(LONG_PURGE_INTERVAL).build();
    unpurged.claim("evt_1", "owner-a", LEASE);
    unpurged.complete("evt_1", "owner-a");
    unpurged.claim("evt_2", "owner-a", LEASE);
    unpurged.complete("evt_2", "owner-a");
    clock.advance(IdempotencyStore.DEFAULT_RETENTION.plus(ONE_MILLI));

    assertThat(unpurged.claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.CLAIMED);
    // evt_2 still exists, so no purge ran and the claim took the processed row over.
    assertThat(keys()).containsExactly("evt_1", "evt_2");
    assertThat(unpurged.claim("evt_1", "owner-c", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void completeStoresRetentionEnd() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);
    clock.advance(Duration.ofSeconds(5));
    store().complete("evt_1", "owner-a");

    long expected = clock.millis() + IdempotencyStore.DEFAULT_RETENTION.toMillis();
    assertThat(longColumn("expires_at", "evt_1")).isEqualTo(expected);
    assertThat(longColumn("completed_at", "evt_1")).isEqualTo(clock.millis());
  }

  @Test
  void claimStoresLeaseEnd() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    assertThat(longColumn("expires_at", "evt_1")).isEqualTo(clock.millis() + LEASE.toMillis());
    assertThat(longColumn("claimed_at", "evt_1")).isEqualTo(clock.millis());
  }

  @Test
  void completeAfterLeaseEndWithoutTakeover() {
    store().claim("evt_1", "owner-a", LEASE);
    clock.advance(LEASE.plus(ONE_MILLI));

    assertThat(store().complete("evt_1", "owner-a")).isTrue();
    assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void completeOnConnectionRolledBack() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      assertThat(jdbcStore().complete(connection, "evt_1", "owner-a")).isTrue();
      connection.rollback();
    }

    assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
    assertThat(store().complete("evt_1", "owner-a")).isTrue();
  }

  @Test
  void completeOnConnectionCommitted() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      jdbcStore().complete(connection, "evt_1", "owner-a");
      connection.commit();
    }

    assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
  }

  @Test
  void completeOnConnectionCommitsWithCallerWrites() throws SQLException {
    String orders = database().newTableName();
    database().execute("CREATE TABLE " + orders + " (id VARCHAR(32) NOT NULL PRIMARY KEY)");
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + orders + " (id) VALUES ('order_1')");
      }
      jdbcStore().complete(connection, "evt_1", "owner-a");
      connection.rollback();
    }

    assertThat(countRows(orders)).isZero();
    assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.IN_PROGRESS);
  }

  @Test
  void completeOnConnectionLeavesItOpen() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      jdbcStore().complete(connection, "evt_1", "owner-a");

      assertThat(connection.isClosed()).isFalse();
      assertThat(connection.getAutoCommit()).isFalse();
      connection.rollback();
    }
  }

  @Test
  void completeOnConnectionByOtherOwnerRejected() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      assertThat(jdbcStore().complete(connection, "evt_1", "owner-b")).isFalse();
    }
  }

  @Test
  void completeOnNullConnectionRejected() {
    assertThatThrownBy(() -> jdbcStore().complete(null, "evt_1", "owner-a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connection");
  }

  @Test
  void claimWaitsForCallerTransaction() throws Exception {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      jdbcStore().complete(connection, "evt_1", "owner-a");
      CompletableFuture<ClaimResult> concurrent =
          CompletableFuture.supplyAsync(() -> store().claim("evt_1", "owner-b", LEASE));
      connection.commit();

      // Every supported database makes the claim wait for the row lock, so it sees the commit.
      assertThat(concurrent.get(WORKER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .isEqualTo(ClaimResult.ALREADY_PROCESSED);
    }
  }

  @Test
  void storeLeavesConnectionAutoCommitAsFound() throws SQLException {
    List<Boolean> autoCommitAtClose = new CopyOnWriteArrayList<>();
    DataSource manualCommit = manualCommitConnections(database().dataSource(), autoCommitAtClose);
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(manualCommit).tableName(table).clock(clock).build();

    store.claim("evt_1", "owner-a", LEASE);
    store.complete("evt_1", "owner-a");

    assertThat(store().claim("evt_1", "owner-b", LEASE)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    assertThat(autoCommitAtClose).isNotEmpty().containsOnly(false);
  }

  @Test
  void sqlErrorWrapped() throws SQLException {
    database().execute("DROP TABLE " + table);

    Throwable thrown = catchThrowable(() -> store().claim("evt_1", "owner-a", LEASE));

    assertThat(thrown).isInstanceOf(IdempotencyStoreException.class);
    assertThat(thrown).hasCauseInstanceOf(SQLException.class);
    String sqlState = ((SQLException) thrown.getCause()).getSQLState();
    assertThat(sqlState).startsWith("42");
    assertThat(thrown)
        .hasMessage(
            "Failed to claim key evt_1 in table "
                + table
                + " ("
                + expectedDialect()
                + " dialect, SQLState "
                + sqlState
                + "). Check that the database is reachable and that the table matches the DDL in"
                + " resource "
                + schemaResource()
                + ".");
  }

  JdbcIdempotencyStore jdbcStore() {
    return (JdbcIdempotencyStore) store();
  }

  JdbcIdempotencyStore.Builder builder(String tableName) {
    return JdbcIdempotencyStore.builder(database().dataSource()).tableName(tableName).clock(clock);
  }

  String schemaResource() {
    return "com/dberi/webhooks/idempotency/" + expectedDialect().schemaFile();
  }

  /** Returns the keys in the store's table, sorted. */
  List<String> keys() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT idempotency_key FROM " + table + " ORDER BY idempotency_key")) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  long countRows(String tableName) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + tableName)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  long longColumn(String column, String key) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + column + " FROM " + table + " WHERE idempotency_key = ?")) {
      statement.setString(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("row of key %s exists", key).isTrue();
        return rows.getLong(1);
      }
    }
  }

  /**
   * Wraps {@code target} so that its connections reject the purge statement, as a database would
   * when the user lacks the DELETE privilege, and counts the rejected purges.
   */
  static DataSource failingPurges(DataSource target, AtomicInteger attempts) {
    return wrap(
        DataSource.class,
        target,
        (method, args, result) -> {
          if (!method.getName().equals("getConnection")) {
            return result;
          }
          Connection connection = (Connection) result;
          return wrap(
              Connection.class,
              connection,
              (connectionMethod, connectionArgs, connectionResult) -> connectionResult,
              (connectionMethod, connectionArgs) -> {
                boolean purge =
                    connectionMethod.getName().equals("prepareStatement")
                        && ((String) connectionArgs[0]).startsWith("DELETE")
                        && ((String) connectionArgs[0]).contains("expires_at <");
                if (purge) {
                  attempts.incrementAndGet();
                  throw new SQLException("DELETE refused by the test", "42501");
                }
              });
        },
        (method, args) -> {});
  }

  /**
   * Wraps {@code target} so that it hands out connections with auto-commit off, as some pools do,
   * and records each connection's auto-commit flag when it is closed.
   */
  static DataSource manualCommitConnections(DataSource target, List<Boolean> autoCommitAtClose) {
    return wrap(
        DataSource.class,
        target,
        (method, args, result) -> {
          if (!method.getName().equals("getConnection")) {
            return result;
          }
          Connection connection = (Connection) result;
          connection.setAutoCommit(false);
          return wrap(
              Connection.class,
              connection,
              (connectionMethod, connectionArgs, connectionResult) -> connectionResult,
              (connectionMethod, connectionArgs) -> {
                if (connectionMethod.getName().equals("close")) {
                  autoCommitAtClose.add(connection.getAutoCommit());
                }
              });
        },
        (method, args) -> {});
  }

  @FunctionalInterface
  interface AfterCall {
    Object apply(java.lang.reflect.Method method, Object[] args, Object result) throws Exception;
  }

  @FunctionalInterface
  interface BeforeCall {
    void check(java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  /** Returns a proxy of {@code type} that delegates to {@code target} between two hooks. */
  static <T> T wrap(Class<T> type, T target, AfterCall after, BeforeCall before) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              before.check(method, args);
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return after.apply(method, args, result);
            });
    return type.cast(proxy);
  }
}
