package com.dberi.webhooks.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JUnit 5 extension that gives tests a {@link DataSource} for an in-memory H2 database, the
 * local PostgreSQL server or the local MariaDB server, through the drivers' own data sources and
 * without a pool.
 *
 * <p>Register it on a static field, so that the server is probed once per test class:
 *
 * <pre>{@code
 * @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgresql();
 * }</pre>
 *
 * <p>Before each test the extension checks that the server accepts connections. If it does not,
 * the test is aborted, and so reported as skipped with the reason, unless the environment variable
 * {@code CI} is {@code true}: then the test fails with the same message. PostgreSQL defaults to
 * {@value #POSTGRES_DEFAULT_URL} as user {@code postgres}, MariaDB to {@value
 * #MARIADB_DEFAULT_URL} as user {@code root} with an empty password. The environment variables
 * {@code DBERI_TEST_POSTGRES_URL}, {@code DBERI_TEST_POSTGRES_USER}, {@code
 * DBERI_TEST_POSTGRES_PASSWORD} and the same with {@code MARIADB} override them.
 *
 * <p>{@link #newTableName()} returns a table name unique to the run and drops that table after the
 * test, so that parallel builds on one server do not collide.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {

  /** The database products that the extension connects to. */
  public enum Kind {
    /** An in-memory H2 database, private to one extension instance. */
    H2("H2", null),
    /** A PostgreSQL server. */
    POSTGRESQL("PostgreSQL", "DBERI_TEST_POSTGRES"),
    /** A MariaDB server. */
    MARIADB("MariaDB", "DBERI_TEST_MARIADB");

    private final String displayName;
    private final String environmentPrefix;

    Kind(String displayName, String environmentPrefix) {
      this.displayName = displayName;
      this.environmentPrefix = environmentPrefix;
    }
  }

  static final String POSTGRES_DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String MARIADB_DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test";

  private static final int LOGIN_TIMEOUT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;
  private final DataSource dataSource;
  private final List<String> tablesToDrop = new CopyOnWriteArrayList<>();

  /** Why the server is unreachable, or "" if the probe succeeded, or null before the probe. */
  private volatile String unreachableReason;

  private TestDatabase(Kind kind, String url, String user, String password) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.dataSource = createDataSource();
  }

  /** Returns an extension over a new, empty in-memory H2 database. */
  public static TestDatabase h2() {
    String name = "dberi_" + UUID.randomUUID().toString().replace("-", "");
    return new TestDatabase(Kind.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** Returns an extension over the PostgreSQL server named by the environment or the default. */
  public static TestDatabase postgresql() {
    return fromEnvironment(Kind.POSTGRESQL, POSTGRES_DEFAULT_URL, "postgres", "");
  }

  /** Returns an extension over the MariaDB server named by the environment or the default. */
  public static TestDatabase mariadb() {
    return fromEnvironment(Kind.MARIADB, MARIADB_DEFAULT_URL, "root", "");
  }

  /**
   * Returns a copy of this extension whose URL carries the driver property {@code parameter}, such
   * as {@code useAffectedRows=true}.
   */
  public TestDatabase withUrlParameter(String parameter) {
    Objects.requireNonNull(parameter, "parameter");
    String separator = kind == Kind.H2 ? ";" : url.contains("?") ? "&" : "?";
    return new TestDatabase(kind, url + separator + parameter, user, password);
  }

  /** Returns the database product. */
  public Kind kind() {
    return kind;
  }

  /** Returns the JDBC URL. */
  public String url() {
    return url;
  }

  /** Returns the database user. */
  public String user() {
    return user;
  }

  /** Returns the password, empty for none. */
  public String password() {
    return password;
  }

  /** Returns the data source. Each call of its {@code getConnection()} opens a new connection. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Returns a new table name, unique to this run, and drops that table after the current test. */
  public String newTableName() {
    String name = "dberi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    tablesToDrop.add(name);
    return name;
  }

  /** Runs one SQL statement in auto-commit mode. */
  public void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String reason = probe();
    if (reason.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason);
    }
    Assumptions.abort(reason);
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    for (String table : tablesToDrop) {
      execute("DROP TABLE IF EXISTS " + table);
      tablesToDrop.remove(table);
    }
  }

  @Override
  public String toString() {
    return kind.displayName + " at " + url;
  }

  private static TestDatabase fromEnvironment(
      Kind kind, String defaultUrl, String defaultUser, String defaultPassword) {
    return new TestDatabase(
        kind,
        environment(kind.environmentPrefix + "_URL", defaultUrl),
        environment(kind.environmentPrefix + "_USER", defaultUser),
        environment(kind.environmentPrefix + "_PASSWORD", defaultPassword));
  }

  private static String environment(String name, String defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : value;
  }

  /**
   * Returns "" if the server accepts a connection, or else the reason why it does not. Probes the
   * server once per instance.
   */
  private String probe() {
    String reason = unreachableReason;
    if (reason != null) {
      return reason;
    }
    try (Connection connection = dataSource.getConnection()) {
      reason = connection.isValid(LOGIN_TIMEOUT_SECONDS) ? "" : "connection is not valid";
    } catch (SQLException e) {
      reason = e.getMessage();
    }
    if (!reason.isEmpty()) {
      reason =
          kind.displayName
              + " not reachable at "
              + url
              + ": "
              + reason
              + "; set "
              + kind.environmentPrefix
              + "_URL or start it";
      // Surefire writes the reason of a skipped test only to its XML report, so state it once here.
      LOG.warn("{}. Its tests are skipped, or fail when CI=true.", reason);
    }
    unreachableReason = reason;
    return reason;
  }

  private DataSource createDataSource() {
    switch (kind) {
      case H2:
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
      case POSTGRESQL:
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setUser(user);
        postgres.setPassword(password);
        postgres.setConnectTimeout(LOGIN_TIMEOUT_SECONDS);
        postgres.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        return postgres;
      case MARIADB:
        try {
          MariaDbDataSource mariadb = new MariaDbDataSource(url);
          mariadb.setUser(user);
          mariadb.setPassword(password);
          mariadb.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
          return mariadb;
        } catch (SQLException e) {
          throw new IllegalArgumentException(
              "Invalid MariaDB URL " + url + ": " + e.getMessage(), e);
        }
      default:
        throw new IllegalStateException("Unknown database kind " + kind);
    }
  }
}
