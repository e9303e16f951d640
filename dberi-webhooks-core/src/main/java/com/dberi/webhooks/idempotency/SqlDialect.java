package com.dberi.webhooks.idempotency;

import java.util.Locale;

/**
 * The SQL dialect that a {@link JdbcIdempotencyStore} writes. The store detects it from the
 * database product name unless it is set with {@link JdbcIdempotencyStore.Builder#dialect}.
 */
public enum SqlDialect {

  /** PostgreSQL 9.5 or later, which added {@code INSERT ... ON CONFLICT}. */
  POSTGRESQL("schema-postgresql.sql"),

  /** MySQL and MariaDB, with InnoDB tables. */
  MYSQL("schema-mysql.sql"),

  /** H2 2.x, for tests and embedded databases. */
  H2("schema-h2.sql");

  private final String schemaFile;

  SqlDialect(String schemaFile) {
    this.schemaFile = schemaFile;
  }

  /** Returns the file name of the DDL script, relative to this package. */
  String schemaFile() {
    return schemaFile;
  }

  /** Returns the class path of the DDL script, as it appears in the core jar. */
  String schemaResource() {
    return SqlDialect.class.getPackageName().replace('.', '/') + '/' + schemaFile;
  }

  /**
   * Returns the dialect for a product name from {@link java.sql.DatabaseMetaData}.
   *
   * @throws IdempotencyStoreException if the product is none of PostgreSQL, MySQL, MariaDB and H2
   */
  static SqlDialect fromProductName(String productName) {
    String name = productName == null ? "" : productName.trim().toLowerCase(Locale.ROOT);
    if (name.equals("postgresql")) {
      return POSTGRESQL;
    }
    if (name.equals("mysql") || name.equals("mariadb")) {
      return MYSQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IdempotencyStoreException(
        "Cannot detect the SQL dialect of database product '"
            + productName
            + "'. The store detects PostgreSQL, MySQL, MariaDB and H2. If the database accepts"
            + " the SQL of one of them, set it with JdbcIdempotencyStore.builder(dataSource)"
            + ".dialect(SqlDialect.POSTGRESQL), MYSQL or H2.");
  }
}
