package com.dberi.webhooks.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the DDL script of a dialect and puts the configured table name in place of the default.
 */
final class SchemaScript {

  /**
   * Matches the default table name and the default index name as whole words, so that a table
   * name that starts with the default name is not replaced twice.
   */
  private static final Pattern DEFAULT_NAMES =
      Pattern.compile("\\b" + JdbcIdempotencyStore.DEFAULT_TABLE_NAME + "(_expires_at_idx)?\\b");

  private SchemaScript() {}

  /**
   * Returns the statements of {@code dialect}'s script for {@code tableName}, without comments.
   * The index is named after the table without its schema, because PostgreSQL and MySQL reject a
   * schema-qualified index name and create the index in the table's schema.
   */
  static List<String> statements(SqlDialect dialect, String tableName) {
    String script = load(dialect);
    String unqualified = tableName.substring(tableName.lastIndexOf('.') + 1);
    String indexName = unqualified + "_expires_at_idx";
    Matcher matcher = DEFAULT_NAMES.matcher(stripComments(script));
    String replaced =
        matcher.replaceAll(
            match -> Matcher.quoteReplacement(match.group(1) == null ? tableName : indexName));

    List<String> statements = new ArrayList<>();
    for (String statement : replaced.split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.trim());
      }
    }
    return statements;
  }

  private static String load(SqlDialect dialect) {
    try (InputStream in = SchemaScript.class.getResourceAsStream(dialect.schemaFile())) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource " + dialect.schemaResource() + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read resource " + dialect.schemaResource(), e);
    }
  }

  private static String stripComments(String script) {
    StringBuilder sql = new StringBuilder(script.length());
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    return sql.toString();
  }
}
