package com.dberi.webhooks.spring;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code dberi.webhooks.secret} is set, even to a blank value, or {@code
 * dberi.webhooks.secrets} has an entry. A blank value matches so that the verifier bean can reject
 * it with a message naming the property.
 */
final class WebhookSecretCondition extends SpringBootCondition {

  static final String SECRET = DberiWebhooksProperties.PREFIX + ".secret";
  static final String SECRETS = DberiWebhooksProperties.PREFIX + ".secrets";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    if (binder.bind(SECRET, String.class).isBound()) {
      return ConditionOutcome.match(SECRET + " is set");
    }
    List<String> secrets = binder.bind(SECRETS, Bindable.listOf(String.class)).orElse(List.of());
    if (!secrets.isEmpty()) {
      return ConditionOutcome.match(SECRETS + " is set");
    }
    return ConditionOutcome.noMatch("neither " + SECRET + " nor " + SECRETS + " is set");
  }
}
