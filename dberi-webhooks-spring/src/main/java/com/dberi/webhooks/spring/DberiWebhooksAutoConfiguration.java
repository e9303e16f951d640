package com.dberi.webhooks.spring;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.servlet.DberiWebhookFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the Dberi webhook endpoint in a servlet web application.
 *
 * <p>With {@code dberi.webhooks.secret} set, it defines these beans, each only when the application
 * defines none of the same type:
 *
 * <ul>
 *   <li>a {@link WebhookVerifier} from the {@code dberi.webhooks.*} properties;
 *   <li>an {@link IdempotencyStore}: a {@link JdbcIdempotencyStore} on the application's DataSource
 *       when {@code dberi.webhooks.idempotency.store=jdbc}, otherwise an in-memory store, which is
 *       per instance and lost on restart;
 *   <li>a {@link WebhookProcessor} that calls the {@link DberiWebhook @DberiWebhook} methods of the
 *       application's beans, and records metrics when Micrometer and a MeterRegistry are present;
 *   <li>a {@link FilterRegistrationBean} named {@value #FILTER_REGISTRATION_BEAN} for a {@link
 *       DberiWebhookFilter} on the webhook path only, ordered {@link #FILTER_ORDER}.
 * </ul>
 *
 * <p>When the store is the auto-configured JDBC store and the context has a {@code
 * PlatformTransactionManager}, the handlers and the store's "processed" record run in one
 * transaction, so they commit or roll back together.
 *
 * <p>Startup fails, with a message naming the property or the method, when {@code @DberiWebhook}
 * methods exist but no secret is set, when a secret is blank, or when a method breaks a rule of
 * {@link DberiWebhook}.
 */
@AutoConfiguration(
    afterName = {
      // Spring Boot 3
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
      // Spring Boot 4
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@EnableConfigurationProperties(DberiWebhooksProperties.class)
public final class DberiWebhooksAutoConfiguration {

  /**
   * Order of the webhook filter: ahead of Spring Security's filter chain (order -100 by default)
   * and of Spring MVC's filters that read form bodies, so that the filter reads the raw body first
   * and writes the response to the delivery itself. Only Boot's character encoding filter, which reads no body,
   * runs earlier.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  /** Name of the filter registration bean; define a bean of this name to replace it. */
  public static final String FILTER_REGISTRATION_BEAN = "dberiWebhookFilterRegistration";

  private static final Logger log = LoggerFactory.getLogger(DberiWebhooksAutoConfiguration.class);

  @Bean
  static DberiWebhookMethods dberiWebhookMethods() {
    return new DberiWebhookMethods();
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(WebhookSecretCondition.class)
  WebhookVerifier dberiWebhookVerifier(DberiWebhooksProperties properties) {
    WebhookVerifier.Builder builder = WebhookVerifier.builder();
    for (SecretSetting secret : secretsOf(properties)) {
      if (secret.value() == null || secret.value().isBlank()) {
        throw new DberiWebhooksConfigurationException(
            secret.property()
                + " is blank; set it to the endpoint's signing secret from the Dberi dashboard"
                + " (is the environment variable it refers to set?)");
      }
      if (secret.value().strip().startsWith("${")) {
        // Spring leaves a placeholder whose variable is unset as literal text, which anyone can
        // read and sign with.
        throw new DberiWebhooksConfigurationException(
            secret.property()
                + " is the unresolved placeholder '"
                + secret.value().strip()
                + "'; set the environment variable or property it refers to, or write it with an"
                + " empty default such as ${DBERI_WEBHOOK_SECRET:} so that a missing value fails"
                + " as blank");
      }
      builder.secret(secret.value());
    }
    try {
      builder.tolerance(properties.getTolerance());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalidProperty("tolerance", e);
    }
    return builder.build();
  }

  private record SecretSetting(String property, String value) {}

  private static List<SecretSetting> secretsOf(DberiWebhooksProperties properties) {
    List<SecretSetting> secrets = new ArrayList<>();
    if (properties.getSecret() != null) {
      secrets.add(new SecretSetting(WebhookSecretCondition.SECRET, properties.getSecret()));
    }
    List<String> rotation = properties.getSecrets();
    for (int i = 0; i < rotation.size(); i++) {
      secrets.add(new SecretSetting(WebhookSecretCondition.SECRETS + "[" + i + "]", rotation.get(i)));
    }
    return secrets;
  }

  @Bean
  @ConditionalOnMissingBean(IdempotencyStore.class)
  @ConditionalOnProperty(prefix = "dberi.webhooks.idempotency", name = "store", havingValue = "jdbc")
  JdbcStoreBinding dberiJdbcStoreBinding(
      DberiWebhooksProperties properties, ObjectProvider<DataSource> dataSources) {
    DataSource dataSource = dataSources.getIfUnique();
    if (dataSource == null) {
      throw new DberiWebhooksConfigurationException(
          "dberi.webhooks.idempotency.store=jdbc needs exactly one DataSource bean (or one marked"
              + " @Primary), but the context has none or several; configure spring.datasource.*,"
              + " or define an IdempotencyStore bean yourself");
    }
    DberiWebhooksProperties.Idempotency settings = properties.getIdempotency();
    JdbcIdempotencyStore.Builder builder = JdbcIdempotencyStore.builder(dataSource);
    try {
      if (settings.getTableName() != null) {
        builder.tableName(settings.getTableName());
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalidProperty("idempotency.table-name", e);
    }
    try {
      builder.retention(settings.getRetention());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalidProperty("idempotency.retention", e);
    }
    JdbcIdempotencyStore store = builder.createTableIfMissing(settings.isCreateTable()).build();
    return new JdbcStoreBinding(store, dataSource);
  }

  @Bean
  @ConditionalOnMissingBean(IdempotencyStore.class)
  @ConditionalOnBean(JdbcStoreBinding.class)
  JdbcIdempotencyStore dberiJdbcIdempotencyStore(JdbcStoreBinding binding) {
    return binding.store();
  }

  @Bean
  @ConditionalOnMissingBean(IdempotencyStore.class)
  InMemoryIdempotencyStore dberiInMemoryIdempotencyStore() {
    log.warn(
        "Dberi webhooks use an in-memory idempotency store: processed event ids are per instance"
            + " and lost on restart, so a retry after a restart or on another instance runs the"
            + " handlers again. Set dberi.webhooks.idempotency.store=jdbc for production.");
    return InMemoryIdempotencyStore.create();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(WebhookVerifier.class)
  WebhookProcessor dberiWebhookProcessor(
      DberiWebhooksProperties properties,
      WebhookVerifier verifier,
      IdempotencyStore store,
      DberiWebhookMethods methods,
      ObjectProvider<JdbcStoreBinding> jdbcBinding,
      ObjectProvider<SpringTransactions> transactions,
      ObjectProvider<DberiWebhookMetrics> metrics) {
    WebhookProcessor.Builder builder = WebhookProcessor.builder().verifier(verifier);
    try {
      builder.lease(properties.getIdempotency().getLease());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalidProperty("idempotency.lease", e);
    }
    if (properties.getNamespace() != null) {
      try {
        builder.namespace(properties.getNamespace());
      } catch (IllegalArgumentException e) {
        throw invalidProperty("namespace", e);
      }
    }

    SpringTransactions springTransactions = transactions.getIfAvailable();
    if (springTransactions == null) {
      builder.idempotencyStore(store);
    } else {
      springTransactions.configure(builder, store, jdbcBinding.getIfAvailable());
    }
    metrics.ifAvailable(builder::resultListener);
    methods.registerInto(builder);
    return builder.build();
  }

  @Bean(name = FILTER_REGISTRATION_BEAN)
  @ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN)
  @ConditionalOnBean(WebhookProcessor.class)
  FilterRegistrationBean<DberiWebhookFilter> dberiWebhookFilterRegistration(
      DberiWebhooksProperties properties, WebhookProcessor processor) {
    String path = checkPath(properties.getPath());
    long maxBodyBytes = checkMaxBodySize(properties);
    DberiWebhookFilter filter =
        DberiWebhookFilter.builder(processor).path(path).maxBodyBytes(maxBodyBytes).build();

    FilterRegistrationBean<DberiWebhookFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("dberiWebhookFilter");
    registration.addUrlPatterns(path);
    registration.setOrder(FILTER_ORDER);
    log.debug("Dberi webhook filter registered on {} with order {}", path, FILTER_ORDER);
    return registration;
  }

  private static String checkPath(String path) {
    if (path == null || !path.startsWith("/") || path.contains("*") || path.length() < 2
        || path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '?' || c == '#')) {
      throw new DberiWebhooksConfigurationException(
          DberiWebhooksProperties.PREFIX
              + ".path must be an exact path that starts with '/', such as "
              + DberiWebhooksProperties.DEFAULT_PATH
              + ", without wildcards, query or spaces; was '"
              + path
              + "'");
    }
    return path;
  }

  private static long checkMaxBodySize(DberiWebhooksProperties properties) {
    if (properties.getMaxBodySize() == null || properties.getMaxBodySize().toBytes() <= 0) {
      throw new DberiWebhooksConfigurationException(
          DberiWebhooksProperties.PREFIX
              + ".max-body-size must be positive, such as 1MB; was "
              + properties.getMaxBodySize());
    }
    return properties.getMaxBodySize().toBytes();
  }

  private static DberiWebhooksConfigurationException invalidProperty(
      String name, RuntimeException cause) {
    return new DberiWebhooksConfigurationException(
        "Invalid " + DberiWebhooksProperties.PREFIX + "." + name + ": " + cause.getMessage(), cause);
  }

  /** Joins the JDBC store to Spring transactions when spring-tx and spring-jdbc are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.transaction.support.TransactionTemplate",
        "org.springframework.jdbc.datasource.DataSourceUtils"
      })
  static class TransactionConfiguration {

    @Bean
    @ConditionalOnBean(PlatformTransactionManager.class)
    SpringTransactions dberiSpringTransactions(ObjectProvider<PlatformTransactionManager> managers) {
      return new SpringTransactions(managers);
    }
  }

  /** Records delivery metrics when Micrometer is present and the context has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    DberiWebhookMetrics dberiWebhookMetrics(MeterRegistry registry) {
      return new DberiWebhookMetrics(registry);
    }
  }
}
