package com.dberi.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.examples.demo.DemoScenario.Report;
import com.dberi.examples.demo.DemoScenario.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo with the shop on the local PostgreSQL server (127.0.0.1:5432, database test, user
 * postgres), in a schema of its own that is dropped afterwards. Skipped with the reason when the
 * server is unreachable; fails instead under CI=true.
 */
class DemoPostgresTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private static Connection connectOrSkip() {
    try {
      return DriverManager.getConnection(URL, USER, "");
    } catch (SQLException e) {
      String reason = "PostgreSQL at " + URL + " is unreachable (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(reason + "; CI=true requires it", e);
      }
      Assumptions.abort(reason + "; start it to run this test");
      throw new AssertionError("unreachable");
    }
  }

  @Test
  void demoPassesOnPostgres() throws SQLException {
    String schema = "dberi_demo_" + HexFormat.of().formatHex(randomBytes());
    try (Connection connection = connectOrSkip(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      try {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report =
            DemoScenario.run(
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                List.of(
                    "--spring.datasource.url=" + URL + "?currentSchema=" + schema,
                    "--spring.datasource.username=" + USER,
                    "--spring.datasource.password="));

        assertThat(report.steps()).extracting(Step::orderStatus)
            .containsExactly("paid", "paid", "paid", "paid", "paid", "refunded");
        assertThat(report.steps()).extracting(Step::confirmationEmails)
            .containsOnly(1L);
        assertThat(report.steps().get(3).statuses()).containsExactly(401);
        assertThat(report.steps().get(4).statuses()).containsExactly(400);
        assertThat(report.passed()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
      } finally {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
