package com.dberi.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class WebhookSecretPostProcessorTest {

  private final List<Object> warnings = new ArrayList<>();
  private final WebhookSecretPostProcessor processor =
      new WebhookSecretPostProcessor(destination -> recordingLog());

  /** Returns a log that records the messages of warn(...) and ignores the other levels. */
  private Log recordingLog() {
    return (Log)
        Proxy.newProxyInstance(
            Log.class.getClassLoader(),
            new Class<?>[] {Log.class},
            (proxy, method, args) -> {
              if (method.getName().equals("warn")) {
                warnings.add(args[0]);
              }
              return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
  }

  private String secretAfterProcessing(MockEnvironment environment) {
    processor.postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty(WebhookSecretPostProcessor.SECRET_PROPERTY);
  }

  @Test
  void propertyWins() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("dberi.webhooks.secret", "from-property")
            .withProperty("DBERI_WEBHOOK_SECRET", "from-variable");

    assertThat(secretAfterProcessing(environment)).isEqualTo("from-property");
  }

  @Test
  void variableUsedWithoutProperty() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("DBERI_WEBHOOK_SECRET", "from-variable");

    assertThat(secretAfterProcessing(environment)).isEqualTo("from-variable");
  }

  @Test
  void blankPropertyFallsBackToVariable() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("dberi.webhooks.secret", " ")
            .withProperty("DBERI_WEBHOOK_SECRET", "from-variable");

    assertThat(secretAfterProcessing(environment)).isEqualTo("from-variable");
  }

  @Test
  void developmentSecretWithoutEither() {
    assertThat(secretAfterProcessing(new MockEnvironment()))
        .isEqualTo(WebhookSecretPostProcessor.DEVELOPMENT_SECRET);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).toString())
        .startsWith("No Dberi webhook secret configured: neither DBERI_WEBHOOK_SECRET nor"
            + " dberi.webhooks.secret is set");
  }

  @Test
  void configuredSecretNotWarned() {
    secretAfterProcessing(new MockEnvironment().withProperty("DBERI_WEBHOOK_SECRET", "s"));

    assertThat(warnings).isEmpty();
  }
}
