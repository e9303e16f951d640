package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.dberi.webhooks.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Tests the builder's argument checks and dialect detection, on H2 where a database is needed. */
class JdbcIdempotencyStoreBuilderTest {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  private static final String TABLE_NAME_RULE =
      "tableName must be an SQL identifier of at most 48 letters, digits and underscores,"
          + " optionally preceded by a schema name and a dot, was '";

  private final JdbcIdempotencyStore.Builder builder =
      JdbcIdempotencyStore.builder(DATABASE.dataSource());

  @Test
  void nullDataSourceRejected() {
    assertThatThrownBy(() -> JdbcIdempotencyStore.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "events; DROP TABLE users",
        "a.b.c",
        "1events",
        "",
        " events",
        "my-table",
        "\"events\"",
        "`events`",
        "events.",
        ".events",
        "événements",
        "public.1events",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void invalidTableNameRejected(String tableName) {
    assertThatThrownBy(() -> builder.tableName(tableName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(TABLE_NAME_RULE + tableName + "'");
  }

  @Test
  void tableNameWithLineBreakShownSafely() {
    assertThatThrownBy(() -> builder.tableName("events\nDROP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(TABLE_NAME_RULE + "events?DROP'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "events",
        "_events",
        "Events_2",
        "public.dberi_events",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void validTableNameAccepted(String tableName) {
    assertThatCode(() -> builder.tableName(tableName)).doesNotThrowAnyException();
  }

  @Test
  void nullTableNameRejected() {
    assertThatThrownBy(() -> builder.tableName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tableName");
  }

  @Test
  void zeroRetentionRejected() {
    assertThatThrownBy(() -> builder.retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be positive, was PT0S");
  }

  @Test
  void negativeRetentionRejected() {
    assertThatThrownBy(() -> builder.retention(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be positive, was PT-24H");
  }

  @Test
  void nullRetentionRejected() {
    assertThatThrownBy(() -> builder.retention(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retention");
  }

  @Test
  void zeroPurgeIntervalRejected() {
    assertThatThrownBy(() -> builder.purgeInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("purgeInterval must be positive, was PT0S");
  }

  @Test
  void nullPurgeIntervalRejected() {
    assertThatThrownBy(() -> builder.purgeInterval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("purgeInterval");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void nonPositivePurgeBatchSizeRejected(int batchSize) {
    assertThatThrownBy(() -> builder.purgeBatchSize(batchSize))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("purgeBatchSize must be positive, was " + batchSize);
  }

  @Test
  void nullDialectRejected() {
    assertThatThrownBy(() -> builder.dialect(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dialect");
  }

  @Test
  void nullClockRejected() {
    assertThatThrownBy(() -> builder.clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @ParameterizedTest
  @CsvSource({
    "PostgreSQL, POSTGRESQL",
    "MySQL, MYSQL",
    "MariaDB, MYSQL",
    "H2, H2",
    "postgresql, POSTGRESQL"
  })
  void dialectFromProductName(String productName, SqlDialect expected) {
    assertThat(SqlDialect.fromProductName(productName)).isEqualTo(expected);
  }

  @Test
  void unknownProductRejected() throws SQLException {
    DataSource oracle = dataSourceOfProduct("Oracle");

    assertThatThrownBy(() -> JdbcIdempotencyStore.builder(oracle).build())
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessage(
            "Cannot detect the SQL dialect of database product 'Oracle'. The store detects"
                + " PostgreSQL, MySQL, MariaDB and H2. If the database accepts the SQL of one of"
                + " them, set it with JdbcIdempotencyStore.builder(dataSource)"
                + ".dialect(SqlDialect.POSTGRESQL), MYSQL or H2.");
  }

  @Test
  void unreachableDatabaseDetectionRejected() {
    DataSource closedPort = closedPortDataSource();

    assertThatThrownBy(() -> JdbcIdempotencyStore.builder(closedPort).build())
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessage(
            "Failed to read the database product name to detect the SQL dialect (SQLState 08001)."
                + " Check that the database is reachable, or set the dialect with"
                + " JdbcIdempotencyStore.builder(dataSource).dialect(...).")
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void unreachableDatabaseCheckRejected() {
    DataSource closedPort = closedPortDataSource();

    assertThatThrownBy(
            () ->
                JdbcIdempotencyStore.builder(closedPort)
                    .dialect(SqlDialect.POSTGRESQL)
                    .build())
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessage(
            "Failed to read the columns of table dberi_webhook_events (POSTGRESQL dialect,"
                + " SQLState 08001). Check that the database is reachable and that the table"
                + " matches the DDL in resource"
                + " com/dberi/webhooks/idempotency/schema-postgresql.sql.")
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void defaultTableNameUsed() throws SQLException {
    JdbcIdempotencyStore store = builder.createTableIfMissing(true).build();
    try {
      assertThat(store.tableName()).isEqualTo("dberi_webhook_events");
    } finally {
      DATABASE.execute("DROP TABLE dberi_webhook_events");
    }
  }

  @Test
  void toStringNamesTableAndDialect() {
    String table = DATABASE.newTableName();

    JdbcIdempotencyStore store =
        builder.tableName(table).retention(Duration.ofDays(3)).createTableIfMissing(true).build();

    assertThat(store)
        .hasToString("JdbcIdempotencyStore[table=" + table + ", dialect=H2, retention=PT72H]");
  }

  private static DataSource dataSourceOfProduct(String productName) throws SQLException {
    DatabaseMetaData metaData = mock(DatabaseMetaData.class);
    when(metaData.getDatabaseProductName()).thenReturn(productName);
    Connection connection = mock(Connection.class);
    when(connection.getMetaData()).thenReturn(metaData);
    DataSource dataSource = mock(DataSource.class);
    when(dataSource.getConnection()).thenReturn(connection);
    return dataSource;
  }

  /** Returns a data source for port 1 of the loopback address, where no server listens. */
  private static DataSource closedPortDataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL("jdbc:postgresql://127.0.0.1:1/test");
    dataSource.setUser("postgres");
    dataSource.setConnectTimeout(5);
    return dataSource;
  }
}
