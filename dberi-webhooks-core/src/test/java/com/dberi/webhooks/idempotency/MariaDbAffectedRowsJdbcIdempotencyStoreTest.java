package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the store contract and the JDBC cases against the MariaDB server, with useAffectedRows=true,
 * so that the driver reports changed rows.
 */
class MariaDbAffectedRowsJdbcIdempotencyStoreTest extends AbstractJdbcIdempotencyStoreTest {

  @RegisterExtension
  static final TestDatabase DATABASE =
      TestDatabase.mariadb().withUrlParameter("useAffectedRows=true");

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  SqlDialect expectedDialect() {
    return SqlDialect.MYSQL;
  }

  @Override
  String dropSchemaStatement(String schema) {
    return "DROP SCHEMA " + schema;
  }

  @Test
  void unchangedRowUpdateCount() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = DATABASE.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      int count =
          statement.executeUpdate(
              "UPDATE " + table + " SET state = state WHERE idempotency_key = 'evt_1'");

      assertThat(count).isEqualTo(0);
    }
  }

  @Test
  void duplicateInsertIgnoreCountsZero() throws SQLException {
    store().claim("evt_1", "owner-a", LEASE);

    try (Connection connection = DATABASE.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      int count =
          statement.executeUpdate(
              "INSERT IGNORE INTO "
                  + table
                  + " (idempotency_key, state, owner, expires_at, claimed_at)"
                  + " VALUES ('evt_1', 'IN_PROGRESS', 'owner-b', 1, 1)");

      assertThat(count).isZero();
    }
  }
}
