package com.dberi.webhooks.benchmarks;

import com.dberi.webhooks.idempotency.ClaimResult;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Measures one claim followed by one complete on the JDBC store, with a new key per operation,
 * against an in-memory H2 database and the local PostgreSQL and MariaDB servers.
 *
 * <p>Connections come from a HikariCP pool of 4, as an application would configure one. The
 * servers are the tests' defaults, overridden by {@code DBERI_TEST_POSTGRES_URL}, {@code _USER} and
 * {@code _PASSWORD} and the same variables with {@code MARIADB}. A server
 * that is not reachable on 127.0.0.1 fails its setup with a printed notice, so JMH reports that
 * parameter as failed and goes on with the others. The benchmark drops and recreates its own table,
 * {@value #TABLE}, and nothing else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class JdbcIdempotencyBenchmark {

  static final String TABLE = "dberi_bench_events";
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Param({"h2", "postgresql", "mariadb"})
  public String database;

  private HikariDataSource dataSource;
  private JdbcIdempotencyStore store;
  private final AtomicInteger threads = new AtomicInteger();

  @Setup(Level.Trial)
  public void createStore() throws SQLException {
    dataSource = connect(database);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
    }
    store =
        JdbcIdempotencyStore.builder(dataSource).tableName(TABLE).createTableIfMissing(true).build();
  }

  @TearDown(Level.Trial)
  public void dropTable() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
    } finally {
      dataSource.close();
    }
  }

  /** A key sequence per thread, so that concurrent threads never claim the same key. */
  @State(Scope.Thread)
  public static class Keys {
    String prefix;
    String owner;
    long next;

    @Setup(Level.Trial)
    public void assignPrefix(JdbcIdempotencyBenchmark benchmark) {
      int thread = benchmark.threads.incrementAndGet();
      prefix = "dberi:evt_t" + thread + "_" + System.nanoTime() + "_";
      owner = "bench-owner-" + thread;
    }
  }

  @Benchmark
  public boolean claimAndComplete(Keys keys) {
    String key = keys.prefix + keys.next++;
    ClaimResult claim = store.claim(key, keys.owner, LEASE);
    if (claim != ClaimResult.CLAIMED) {
      throw new IllegalStateException(
          "Claim of new key " + key + " returned " + claim + " instead of CLAIMED; the table"
              + " kept a key it should not have");
    }
    return store.complete(key, keys.owner);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static HikariDataSource connect(String database) {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-" + database);
    switch (database) {
      case "h2" -> config.setJdbcUrl("jdbc:h2:mem:dberi_bench;DB_CLOSE_DELAY=-1");
      case "postgresql" -> {
        config.setJdbcUrl(env("DBERI_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(env("DBERI_TEST_POSTGRES_USER", "postgres"));
        config.setPassword(env("DBERI_TEST_POSTGRES_PASSWORD", ""));
      }
      case "mariadb" -> {
        config.setJdbcUrl(env("DBERI_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
        config.setUsername(env("DBERI_TEST_MARIADB_USER", "root"));
        config.setPassword(env("DBERI_TEST_MARIADB_PASSWORD", ""));
      }
      default -> throw new IllegalArgumentException(
          "Unknown database '" + database + "'; expected h2, postgresql or mariadb");
    }
    config.setInitializationFailTimeout(5_000);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      String notice =
          "NOTICE: skipping "
              + database
              + ": "
              + config.getJdbcUrl()
              + " is not reachable ("
              + e.getMessage()
              + "). Start the server to measure it.";
      System.err.println(notice);
      throw new IllegalStateException(notice, e);
    }
  }
}
