package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaScriptTest {

  @Test
  void defaultNamesKept() {
    List<String> statements =
        SchemaScript.statements(SqlDialect.POSTGRESQL, "dberi_webhook_events");

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS dberi_webhook_events (");
    assertThat(statements.get(1))
        .isEqualTo(
            "CREATE INDEX IF NOT EXISTS dberi_webhook_events_expires_at_idx"
                + " ON dberi_webhook_events (expires_at)");
  }

  @Test
  void qualifiedTableGetsUnqualifiedIndex() {
    List<String> statements = SchemaScript.statements(SqlDialect.H2, "billing.events");

    assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS billing.events (");
    assertThat(statements.get(1))
        .isEqualTo(
            "CREATE INDEX IF NOT EXISTS events_expires_at_idx ON billing.events (expires_at)");
  }

  @Test
  void nameStartingWithDefaultReplacedOnce() {
    List<String> statements =
        SchemaScript.statements(SqlDialect.POSTGRESQL, "dberi_webhook_events_v2");

    assertThat(statements.get(1))
        .isEqualTo(
            "CREATE INDEX IF NOT EXISTS dberi_webhook_events_v2_expires_at_idx"
                + " ON dberi_webhook_events_v2 (expires_at)");
  }

  @Test
  void mysqlIndexInsideTable() {
    List<String> statements = SchemaScript.statements(SqlDialect.MYSQL, "shop.events");

    assertThat(statements).hasSize(1);
    assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS shop.events (");
    assertThat(statements.get(0)).contains("INDEX events_expires_at_idx (expires_at)");
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void commentsRemoved(SqlDialect dialect) {
    List<String> statements = SchemaScript.statements(dialect, "events");

    assertThat(statements).noneMatch(statement -> statement.contains("--"));
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void everyColumnCreated(SqlDialect dialect) {
    String createTable = SchemaScript.statements(dialect, "events").get(0);

    for (String column : JdbcIdempotencyStore.COLUMNS) {
      assertThat(createTable).containsPattern("\\n\\s*" + column + "\\s");
    }
  }
}
