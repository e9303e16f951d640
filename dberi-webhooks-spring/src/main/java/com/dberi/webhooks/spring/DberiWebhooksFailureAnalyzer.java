package com.dberi.webhooks.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts the message of a {@link DberiWebhooksConfigurationException} at the top of Spring Boot's
 * startup failure report, instead of below a chain of bean creation exceptions.
 */
final class DberiWebhooksFailureAnalyzer
    extends AbstractFailureAnalyzer<DberiWebhooksConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, DberiWebhooksConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the Dberi webhooks configuration as the description says; the properties are under"
            + " dberi.webhooks.*, and the README has a configuration table.",
        cause);
  }
}
