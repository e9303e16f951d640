package com.dberi.examples.shop;

import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets {@code dberi.webhooks.secret} from {@code DBERI_WEBHOOK_SECRET}, or to a fixed development
 * secret with a warning when neither is set.
 *
 * <p>A secret already set as {@code dberi.webhooks.secret} (in a properties file, a command-line
 * argument or the {@code DBERI_WEBHOOKS_SECRET} variable) wins over {@code DBERI_WEBHOOK_SECRET};
 * a blank one counts as unset. Runs after the configuration files are loaded, so it reads all of
 * them, and puts its value first, so that it replaces a blank one.
 */
public final class WebhookSecretPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** Property that the Dberi Spring Boot integration reads the secret from. */
  static final String SECRET_PROPERTY = "dberi.webhooks.secret";

  /** Environment variable that the example applications read the secret from. */
  static final String SECRET_VARIABLE = "DBERI_WEBHOOK_SECRET";

  /**
   * Secret used when none is configured, so that the shop starts on a developer's machine. Anyone
   * who reads this file can sign deliveries with it.
   */
  static final String DEVELOPMENT_SECRET = "whsec_development_only_not_secret";

  private static final String SOURCE_NAME = "dberiWebhookSecret";

  private final Log log;

  /** Creates the post-processor; Spring Boot passes a log factory that buffers until logging starts. */
  public WebhookSecretPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(WebhookSecretPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    String configured = environment.getProperty(SECRET_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return;
    }
    String fromVariable = environment.getProperty(SECRET_VARIABLE);
    String secret = fromVariable;
    if (fromVariable == null || fromVariable.isBlank()) {
      secret = DEVELOPMENT_SECRET;
      log.warn(
          "No Dberi webhook secret configured: neither " + SECRET_VARIABLE + " nor "
              + SECRET_PROPERTY + " is set, so the shop verifies deliveries with the public"
              + " development secret from WebhookSecretPostProcessor. Anyone can forge deliveries;"
              + " set " + SECRET_VARIABLE + " to the endpoint's signing secret before exposing"
              + " this shop.");
    }
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource(SOURCE_NAME, Map.of(SECRET_PROPERTY, secret)));
  }

  /** Runs last, after the configuration files are loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
