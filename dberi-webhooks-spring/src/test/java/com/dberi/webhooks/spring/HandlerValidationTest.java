package com.dberi.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookResult;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.spring.test.DberiWebhookRequests;
import com.dberi.webhooks.testing.SignedDelivery;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/** Checks that a wrong {@code @DberiWebhook} method fails startup with a message naming it. */
class HandlerValidationTest {

  private static final String SECRET = "whsec_validation";

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DberiWebhooksAutoConfiguration.class))
          .withPropertyValues("dberi.webhooks.secret=" + SECRET);

  private static void assertFailure(AssertableWebApplicationContext context, String... fragments) {
    assertThat(context).hasFailed();
    Throwable root = AutoConfigurationTest.rootCause(context.getStartupFailure());
    assertThat(root).isInstanceOf(IllegalStateException.class);
    for (String fragment : fragments) {
      assertThat(root.getMessage()).contains(fragment);
    }
  }

  static class Misspelt {
    @DberiWebhook("payment.complete")
    public void handle(Event event) {}
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void undocumentedTypeWarnsButStarts(CapturedOutput output) {
    runner
        .withBean("misspelt", Misspelt.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(output.getAll())
                  .contains(
                      "handles event type 'payment.complete', which is not one of the documented"
                          + " types [payment.completed, payment.failed, payment.expired,"
                          + " refund.completed, payout.paid]");
            });
  }

  static class BadParameter {
    @DberiWebhook("payment.completed")
    public void handle(String body) {}
  }

  @Test
  void unsupportedParameterFails() {
    runner
        .withBean("badParameter", BadParameter.class)
        .run(
            context ->
                assertFailure(
                    context,
                    "@DberiWebhook method " + BadParameter.class.getName() + ".handle(String)",
                    "of bean 'badParameter'",
                    "has an unsupported parameter 1 of type java.lang.String"));
  }

  static class Mismatch {
    @DberiWebhook("payment.failed")
    public void handle(PaymentCompleted payment) {}
  }

  @Test
  void typeParameterMismatchFails() {
    runner
        .withBean("mismatch", Mismatch.class)
        .run(
            context ->
                assertFailure(
                    context,
                    Mismatch.class.getName() + ".handle(PaymentCompleted) of bean 'mismatch'",
                    "handles 'payment.failed', whose data is PaymentFailed, but its data parameter"
                        + " is PaymentCompleted"));
  }

  static class UnknownTypeWithRecord {
    @DberiWebhook("test.new_type")
    public void handle(PaymentCompleted payment) {}
  }

  @Test
  void unknownTypeWithRecordFails() {
    runner
        .withBean("unknownTypeWithRecord", UnknownTypeWithRecord.class)
        .run(
            context ->
                assertFailure(
                    context,
                    "handles 'test.new_type', whose data is UnknownEventData, but its data"
                        + " parameter is PaymentCompleted"));
  }

  static class PrivateMethod {
    @DberiWebhook
    private void handle(PaymentCompleted payment) {}
  }

  @Test
  void privateMethodFails() {
    runner
        .withBean("privateMethod", PrivateMethod.class)
        .run(
            context ->
                assertFailure(
                    context,
                    PrivateMethod.class.getName() + ".handle(PaymentCompleted) of bean 'privateMethod'",
                    "is private"));
  }

  static class StaticMethod {
    @DberiWebhook
    public static void handle(PaymentCompleted payment) {}
  }

  @Test
  void staticMethodFails() {
    runner
        .withBean("staticMethod", StaticMethod.class)
        .run(context -> assertFailure(context, "of bean 'staticMethod'", "is static"));
  }

  static class NoParameters {
    @DberiWebhook("payment.completed")
    public void handle() {}
  }

  @Test
  void noParametersFails() {
    runner
        .withBean("noParameters", NoParameters.class)
        .run(context -> assertFailure(context, "of bean 'noParameters'", "takes 0 parameters"));
  }

  static class TwoEvents {
    @DberiWebhook("payment.completed")
    public void handle(Event first, Event second) {}
  }

  @Test
  void twoEnvelopesFail() {
    runner
        .withBean("twoEvents", TwoEvents.class)
        .run(
            context ->
                assertFailure(
                    context, "of bean 'twoEvents'", "unsupported parameter 2 of type " + Event.class.getName()));
  }

  static class NothingToInfer {
    @DberiWebhook
    public void handle(Event event) {}
  }

  @Test
  void noTypeToInferFails() {
    runner
        .withBean("nothingToInfer", NothingToInfer.class)
        .run(
            context ->
                assertFailure(
                    context, "of bean 'nothingToInfer'", "names no event type and has no data parameter"));
  }

  static class UnknownDataInferred {
    @DberiWebhook
    public void handle(UnknownEventData data) {}
  }

  @Test
  void unknownDataCannotInferType() {
    runner
        .withBean("unknownDataInferred", UnknownDataInferred.class)
        .run(
            context ->
                assertFailure(
                    context, "its data parameter UnknownEventData belongs to no documented type"));
  }

  static class BlankType {
    @DberiWebhook(" ")
    public void handle(Event event) {}
  }

  @Test
  void blankTypeFails() {
    runner
        .withBean("blankType", BlankType.class)
        .run(context -> assertFailure(context, "of bean 'blankType'", "lists a blank event type"));
  }

  static class FallbackWithTypes {
    @DberiWebhook(value = "payment.completed", fallback = true)
    public void handle(Event event) {}
  }

  @Test
  void fallbackWithTypesFails() {
    runner
        .withBean("fallbackWithTypes", FallbackWithTypes.class)
        .run(context -> assertFailure(context, "is a fallback and also lists event types"));
  }

  static class FallbackWithRecord {
    @DberiWebhook(fallback = true)
    public void handle(PaymentCompleted payment) {}
  }

  @Test
  void fallbackWithRecordFails() {
    runner
        .withBean("fallbackWithRecord", FallbackWithRecord.class)
        .run(
            context ->
                assertFailure(
                    context, "is a fallback, so its data parameter must be EventData, not PaymentCompleted"));
  }

  /** An interface that declares only one of the implementation's handler methods. */
  interface Greeter {
    String greet();

    void expired(PaymentExpired payment);
  }

  static class GreeterImpl implements Greeter {
    final AtomicInteger expiredCalls = new AtomicInteger();
    final AtomicInteger hiddenCalls = new AtomicInteger();

    @Override
    @Transactional
    public String greet() {
      return "hello";
    }

    @Override
    @DberiWebhook
    public void expired(PaymentExpired payment) {
      expiredCalls.incrementAndGet();
    }

    @DberiWebhook
    public void hidden(PaymentCompleted payment) {
      hiddenCalls.incrementAndGet();
    }
  }

  static class GreeterWithoutHidden implements Greeter {
    final AtomicInteger expiredCalls = new AtomicInteger();

    @Override
    @Transactional
    public String greet() {
      return "hello";
    }

    @Override
    @DberiWebhook
    public void expired(PaymentExpired payment) {
      expiredCalls.incrementAndGet();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement(proxyTargetClass = false)
  static class JdkProxies {
    @Bean
    DataSource dataSource() {
      return AutoConfigurationTest.h2();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  @Test
  void methodHiddenByJdkProxyFails() {
    runner
        .withUserConfiguration(JdkProxies.class)
        .withBean("greeter", GreeterImpl.class)
        .run(
            context ->
                assertFailure(
                    context,
                    GreeterImpl.class.getName() + ".hidden(PaymentCompleted) of bean 'greeter'",
                    "cannot be called through the bean's proxy"));
  }

  @Test
  void interfaceMethodCalledThroughJdkProxy() {
    runner
        .withUserConfiguration(JdkProxies.class)
        .withBean("greeter", GreeterWithoutHidden.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Greeter greeter = context.getBean(Greeter.class);
              assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
              SignedDelivery delivery =
                  DberiWebhookRequests.withSecret(SECRET).sign(new PaymentExpired("pay_1"));

              WebhookResult result =
                  context
                      .getBean(WebhookProcessor.class)
                      .process(delivery.body(), delivery.signatureHeader(), delivery.timestampHeader());

              assertThat(result.status()).isEqualTo(200);
              GreeterWithoutHidden target =
                  (GreeterWithoutHidden) ((org.springframework.aop.framework.Advised) greeter)
                      .getTargetSource()
                      .getTarget();
              assertThat(target.expiredCalls).hasValue(1);
            });
  }

  /** Builds the processor before the handler bean exists, as the servlet container does. */
  @Configuration(proxyBeanMethods = false)
  static class InterfaceReturnType {
    @Bean
    String processorUser(WebhookProcessor processor) {
      return processor.toString();
    }

    @Bean
    Runnable hiddenHandler() {
      return new HiddenHandler();
    }
  }

  static class HiddenHandler implements Runnable {
    @Override
    public void run() {}

    @DberiWebhook
    public void completed(PaymentCompleted payment) {}
  }

  @Test
  void methodHiddenByBeanReturnTypeFails() {
    runner
        .withUserConfiguration(InterfaceReturnType.class)
        .run(
            context ->
                assertFailure(
                    context,
                    HiddenHandler.class.getName() + ".completed(PaymentCompleted) of bean 'hiddenHandler'",
                    "was not visible when the webhook processor was built"));
  }

  static class AnyData {
    final AtomicInteger calls = new AtomicInteger();

    @DberiWebhook({"payment.completed", "test.other"})
    public void handle(EventData data) {
      calls.incrementAndGet();
    }
  }

  @Test
  void eventDataParameterTakesAnyType() {
    runner
        .withBean("anyData", AnyData.class)
        .run(
            context ->
                assertThat(context.getBean(WebhookProcessor.class).handledTypes())
                    .containsExactlyInAnyOrder("payment.completed", "test.other"));
  }
}
