package com.dberi.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.idempotency.JdbcIdempotencyStore;
import com.dberi.webhooks.servlet.DberiWebhookFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** Checks which beans the auto-configuration defines, and when it backs off or fails. */
@ExtendWith(OutputCaptureExtension.class)
class AutoConfigurationTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DberiWebhooksAutoConfiguration.class));

  private final WebApplicationContextRunner withSecret =
      runner.withPropertyValues("dberi.webhooks.secret=whsec_test");

  static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:autoconfig-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }

  /** Returns the innermost cause, or {@code failure} itself when it has none. */
  static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  @Configuration(proxyBeanMethods = false)
  static class PaymentHandler {
    @Bean
    Handler handler() {
      return new Handler();
    }

    static class Handler {
      @DberiWebhook
      public void completed(PaymentCompleted payment) {}
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    static final WebhookVerifier VERIFIER = WebhookVerifier.builder().secret("whsec_user").build();
    static final IdempotencyStore STORE = InMemoryIdempotencyStore.create();

    @Bean
    WebhookVerifier userVerifier() {
      return VERIFIER;
    }

    @Bean
    IdempotencyStore userStore() {
      return STORE;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserProcessor {
    static final WebhookProcessor PROCESSOR =
        WebhookProcessor.builder()
            .verifier(WebhookVerifier.builder().secret("whsec_user").build())
            .idempotencyStore(InMemoryIdempotencyStore.create())
            .build();

    @Bean
    WebhookProcessor userProcessor() {
      return PROCESSOR;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Database {
    @Bean
    DataSource dataSource() {
      return h2();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class DatabaseWithTransactions {
    @Bean
    DataSource dataSource() {
      return h2();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void memoryStoreWarns(CapturedOutput output) {
    withSecret.run(context -> assertThat(context).hasNotFailed());

    assertThat(output.getAll())
        .contains("Dberi webhooks use an in-memory idempotency store")
        .contains("Set dberi.webhooks.idempotency.store=jdbc for production");
  }

  @Test
  void lazyHandlerBeanWarns(CapturedOutput output) {
    withSecret
        .withBean("lazyHandler", EventOnly.class, EventOnly::new, definition -> definition.setLazyInit(true))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookProcessor.class).handledTypes()).isEmpty();
            });

    assertThat(output.getAll())
        .contains("Bean 'lazyHandler' (" + EventOnly.class.getName() + ") has @DberiWebhook methods but is lazy");
  }

  @Test
  void secretDefinesAllBeans() {
    withSecret.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(WebhookVerifier.class);
          assertThat(context).hasSingleBean(IdempotencyStore.class);
          assertThat(context).hasSingleBean(WebhookProcessor.class);
          assertThat(context).hasBean(DberiWebhooksAutoConfiguration.FILTER_REGISTRATION_BEAN);
          assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(InMemoryIdempotencyStore.class);
        });
  }

  @Test
  void filterRegisteredOnPathAheadOfSecurity() {
    withSecret
        .withPropertyValues("dberi.webhooks.path=/hooks/payments")
        .run(
            context -> {
              FilterRegistrationBean<?> registration =
                  context.getBean(
                      DberiWebhooksAutoConfiguration.FILTER_REGISTRATION_BEAN,
                      FilterRegistrationBean.class);
              assertThat(registration.getFilter()).isInstanceOf(DberiWebhookFilter.class);
              assertThat(registration.getUrlPatterns()).containsExactly("/hooks/payments");
              assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10);
              // Spring Security's filter chain runs at order -100 by default.
              assertThat(registration.getOrder()).isLessThan(-100);
            });
  }

  @Test
  void pathWithWildcardRejected() {
    withSecret
        .withPropertyValues("dberi.webhooks.path=/hooks/*")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith("dberi.webhooks.path must be an exact path")
                  .hasMessageContaining("was '/hooks/*'");
            });
  }

  @Test
  void userBeansWin() {
    withSecret
        .withUserConfiguration(UserBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(WebhookVerifier.class);
              assertThat(context.getBean(WebhookVerifier.class)).isSameAs(UserBeans.VERIFIER);
              assertThat(context).hasSingleBean(IdempotencyStore.class);
              assertThat(context.getBean(WebhookProcessor.class).verifier()).isSameAs(UserBeans.VERIFIER);
              assertThat(context.getBean(WebhookProcessor.class).idempotencyStore())
                  .isSameAs(UserBeans.STORE);
            });
  }

  @Test
  void userVerifierNeedsNoSecret() {
    runner
        .withUserConfiguration(UserBeans.class, PaymentHandler.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookProcessor.class).handledTypes())
                  .containsExactly("payment.completed");
            });
  }

  @Test
  void userProcessorWins() {
    withSecret
        .withUserConfiguration(UserProcessor.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(WebhookProcessor.class);
              assertThat(context.getBean(WebhookProcessor.class)).isSameAs(UserProcessor.PROCESSOR);
              assertThat(context).hasBean(DberiWebhooksAutoConfiguration.FILTER_REGISTRATION_BEAN);
            });
  }

  @Test
  void noSecretNoHandlersStartsWithoutEndpoint() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(WebhookVerifier.class);
          assertThat(context).doesNotHaveBean(WebhookProcessor.class);
          assertThat(context).doesNotHaveBean(DberiWebhooksAutoConfiguration.FILTER_REGISTRATION_BEAN);
        });
  }

  @Test
  void missingSecretWithHandlersFails() {
    runner
        .withUserConfiguration(PaymentHandler.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("no webhook secret is configured")
                  .hasMessageContaining("set dberi.webhooks.secret");
            });
  }

  @Test
  void blankSecretFails() {
    runner
        .withPropertyValues("dberi.webhooks.secret=  ")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith("dberi.webhooks.secret is blank");
            });
  }

  @Test
  void unresolvedPlaceholderSecretFails() {
    runner
        .withUserConfiguration(PaymentHandler.class)
        .withPropertyValues("dberi.webhooks.secret=${DBERI_TEST_VARIABLE_THAT_IS_NOT_SET}")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith(
                      "dberi.webhooks.secret is the unresolved placeholder"
                          + " '${DBERI_TEST_VARIABLE_THAT_IS_NOT_SET}'")
                  .hasMessageContaining("${DBERI_WEBHOOK_SECRET:}");
            });
  }

  @Test
  void emptyDefaultPlaceholderSecretFailsAsBlank() {
    runner
        .withUserConfiguration(PaymentHandler.class)
        .withPropertyValues("dberi.webhooks.secret=${DBERI_TEST_VARIABLE_THAT_IS_NOT_SET:}")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith("dberi.webhooks.secret is blank");
            });
  }

  @Test
  void emptySecretFails() {
    runner
        .withUserConfiguration(PaymentHandler.class)
        .withPropertyValues("dberi.webhooks.secret=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith("dberi.webhooks.secret is blank");
            });
  }

  @Test
  void blankRotationSecretFails() {
    runner
        .withPropertyValues("dberi.webhooks.secrets[0]=whsec_new", "dberi.webhooks.secrets[1]=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageStartingWith("dberi.webhooks.secrets[1] is blank");
            });
  }

  @Test
  void rotationSecretsAllAccepted() {
    runner
        .withPropertyValues(
            "dberi.webhooks.secret=whsec_old", "dberi.webhooks.secrets=whsec_new,whsec_next")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookVerifier.class).secretCount()).isEqualTo(3);
            });
  }

  @Test
  void toleranceOverOneHourRejected() {
    withSecret
        .withPropertyValues("dberi.webhooks.tolerance=2h")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalArgumentException.class);
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("Invalid dberi.webhooks.tolerance: tolerance must be");
            });
  }

  @Test
  void toleranceBound() {
    withSecret
        .withPropertyValues("dberi.webhooks.tolerance=90s")
        .run(
            context ->
                assertThat(context.getBean(WebhookVerifier.class).tolerance())
                    .isEqualTo(java.time.Duration.ofSeconds(90)));
  }

  @Test
  void invalidNamespaceRejected() {
    withSecret
        .withPropertyValues("dberi.webhooks.namespace=has space")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("Invalid dberi.webhooks.namespace: namespace must be");
            });
  }

  @Test
  void jdbcStoreOnDataSource() {
    withSecret
        .withUserConfiguration(Database.class)
        .withPropertyValues(
            "dberi.webhooks.idempotency.store=jdbc", "dberi.webhooks.idempotency.create-table=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(JdbcIdempotencyStore.class);
              // Without a transaction manager the processor uses the store as it is.
              assertThat(context.getBean(WebhookProcessor.class).idempotencyStore())
                  .isSameAs(context.getBean(IdempotencyStore.class));
            });
  }

  @Test
  void jdbcStoreJoinsTransactions() {
    withSecret
        .withUserConfiguration(DatabaseWithTransactions.class)
        .withPropertyValues(
            "dberi.webhooks.idempotency.store=jdbc", "dberi.webhooks.idempotency.create-table=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookProcessor.class).idempotencyStore())
                  .isInstanceOf(TransactionAwareJdbcStore.class);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoTransactionManagers {
    @Bean
    PlatformTransactionManager firstTransactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    PlatformTransactionManager secondTransactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  @Test
  void ambiguousTransactionManagerWarns(CapturedOutput output) {
    withSecret
        .withUserConfiguration(Database.class, TwoTransactionManagers.class)
        .withPropertyValues(
            "dberi.webhooks.idempotency.store=jdbc", "dberi.webhooks.idempotency.create-table=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookProcessor.class).idempotencyStore())
                  .isSameAs(context.getBean(IdempotencyStore.class));
            });

    assertThat(output.getAll())
        .contains("The context has several PlatformTransactionManager beans and none is @Primary");
  }

  @Test
  void jdbcStoreWithoutDataSourceFails() {
    withSecret
        .withPropertyValues("dberi.webhooks.idempotency.store=jdbc")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageStartingWith(
                      "dberi.webhooks.idempotency.store=jdbc needs exactly one DataSource bean");
            });
  }

  @Test
  void userStoreWinsOverJdbcSetting() {
    withSecret
        .withUserConfiguration(UserBeans.class)
        .withPropertyValues("dberi.webhooks.idempotency.store=jdbc")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(IdempotencyStore.class)).isSameAs(UserBeans.STORE);
            });
  }

  @Test
  void metricsWithMeterRegistry() {
    withSecret
        .withUserConfiguration(Meters.class)
        .run(context -> assertThat(context).hasSingleBean(DberiWebhookMetrics.class));
  }

  @Test
  void noMetricsWithoutMeterRegistry() {
    withSecret.run(context -> assertThat(context).doesNotHaveBean(DberiWebhookMetrics.class));
  }

  @Test
  void nonWebApplicationGetsNothing() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DberiWebhooksAutoConfiguration.class))
        .withPropertyValues("dberi.webhooks.secret=whsec_test")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(WebhookProcessor.class);
            });
  }

  @Test
  void handlerWithEventOnlyRegistered() {
    withSecret
        .withBean(
            "eventOnly",
            EventOnly.class)
        .run(
            context ->
                assertThat(context.getBean(WebhookProcessor.class).handledTypes())
                    .containsExactly("payment.expired"));
  }

  static class EventOnly {
    @DberiWebhook("payment.expired")
    public void expired(Event event) {}
  }
}
