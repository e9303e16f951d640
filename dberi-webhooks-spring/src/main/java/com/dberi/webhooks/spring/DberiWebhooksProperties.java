package com.dberi.webhooks.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Dberi webhook endpoint, bound from {@code dberi.webhooks.*}.
 *
 * <pre>
 * dberi.webhooks.secret=${DBERI_WEBHOOK_SECRET}
 * dberi.webhooks.idempotency.store=jdbc
 * </pre>
 *
 * <p>Spring binds this class once at startup; the SDK reads it only while it builds its beans.
 */
@ConfigurationProperties(prefix = DberiWebhooksProperties.PREFIX)
public class DberiWebhooksProperties {

  /** Prefix of every property in this class. */
  public static final String PREFIX = "dberi.webhooks";

  /** Default path of the webhook endpoint. */
  public static final String DEFAULT_PATH = "/webhooks/dberi";

  /**
   * Signing secret from the Dberi dashboard. Required when the application has @DberiWebhook
   * methods, unless it defines its own WebhookVerifier bean.
   */
  private String secret;

  /**
   * Further signing secrets accepted during a rotation; a delivery passes when its signature
   * matches any configured secret.
   */
  private List<String> secrets = new ArrayList<>();

  /** Path of the webhook endpoint; an exact servlet path, without wildcards. */
  private String path = DEFAULT_PATH;

  /**
   * How far the delivery timestamp may lie from this server's clock, in either direction. At most
   * 1 hour.
   */
  private Duration tolerance = Duration.ofMinutes(5);

  /** Maximum request body size; the filter rejects larger deliveries. */
  private DataSize maxBodySize = DataSize.ofMegabytes(1);

  /**
   * Prefix of idempotency keys, so that several Dberi accounts or endpoints can share one store. 1
   * to 64 letters, digits, '.', '_' or '-'. Defaults to "dberi".
   */
  private String namespace;

  private final Idempotency idempotency = new Idempotency();

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public List<String> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<String> secrets) {
    this.secrets = secrets;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Duration getTolerance() {
    return tolerance;
  }

  public void setTolerance(Duration tolerance) {
    this.tolerance = tolerance;
  }

  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public Idempotency getIdempotency() {
    return idempotency;
  }

  /** Kind of idempotency store that records processed event ids. */
  public enum StoreType {
    /** In this process's memory: per instance and lost on restart. For development and tests. */
    MEMORY,
    /** In a database table, through the application's DataSource. */
    JDBC
  }

  /** Settings of the idempotency store, bound from {@code dberi.webhooks.idempotency.*}. */
  public static class Idempotency {

    /**
     * Kind of store that records processed event ids: "memory" (per instance, lost on restart) or
     * "jdbc" (a table in the application's DataSource). Ignored when the application defines an IdempotencyStore
     * bean.
     */
    private StoreType store = StoreType.MEMORY;

    /** Table of the JDBC store. Defaults to the store's own default table name. */
    private String tableName;

    /** Whether the JDBC store creates its table at startup when it is missing. */
    private boolean createTable = false;

    /**
     * Time that a claim on an event lasts before another delivery may take it over. Keep it above
     * the handlers' longest run and below Dberi's first retry after 5 minutes.
     */
    private Duration lease = Duration.ofMinutes(2);

    /** How long the JDBC store remembers a processed event. */
    private Duration retention = Duration.ofDays(7);

    public StoreType getStore() {
      return store;
    }

    public void setStore(StoreType store) {
      this.store = store;
    }

    public String getTableName() {
      return tableName;
    }

    public void setTableName(String tableName) {
      this.tableName = tableName;
    }

    public boolean isCreateTable() {
      return createTable;
    }

    public void setCreateTable(boolean createTable) {
      this.createTable = createTable;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }
  }
}
