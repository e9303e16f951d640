package com.dberi.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Checks that Spring Boot's startup report leads with the SDK's configuration message. */
class DberiWebhooksFailureAnalyzerTest {

  @Test
  void analyzerIsRegisteredWithSpringBoot() throws IOException {
    Properties factories = new Properties();
    try (InputStream in =
        DberiWebhooksFailureAnalyzer.class.getResourceAsStream("/META-INF/spring.factories")) {
      assertThat(in).isNotNull();
      factories.load(in);
    }

    assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
        .isEqualTo(DberiWebhooksFailureAnalyzer.class.getName());
  }

  @Test
  void wrappedConfigurationErrorLeadsReport() {
    DberiWebhooksConfigurationException cause =
        new DberiWebhooksConfigurationException("dberi.webhooks.secret is blank; set it");
    BeanCreationException wrapped =
        new BeanCreationException("dberiWebhookFilterRegistration", "creation failed", cause);

    FailureAnalysis analysis = new DberiWebhooksFailureAnalyzer().analyze(wrapped);

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).isEqualTo("dberi.webhooks.secret is blank; set it");
    assertThat(analysis.getAction()).contains("dberi.webhooks.*");
    assertThat(analysis.getCause()).isSameAs(cause);
  }

  @Test
  void otherFailuresAreLeftToSpringBoot() {
    FailureAnalysis analysis =
        new DberiWebhooksFailureAnalyzer().analyze(new IllegalStateException("unrelated"));

    assertThat(analysis).isNull();
  }
}
