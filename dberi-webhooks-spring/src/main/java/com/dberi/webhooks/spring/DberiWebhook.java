package com.dberi.webhooks.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a handler for Dberi webhook events.
 *
 * <pre>{@code
 * @Component
 * class Payments {
 *
 *   @DberiWebhook                        // type inferred from the parameter: payment.completed
 *   void completed(PaymentCompleted payment) { ... }
 *
 *   @DberiWebhook({"payment.failed", "payment.expired"})
 *   void closed(EventData data, Event event) { ... }
 *
 *   @DberiWebhook(fallback = true)       // every type that no other method handles
 *   void other(Event event) { ... }
 * }
 * }</pre>
 *
 * <p>A method takes one or two parameters, in any order: the event data (a record from {@link
 * com.dberi.webhooks.event}, {@link com.dberi.webhooks.event.UnknownEventData} or {@link
 * com.dberi.webhooks.event.EventData}) and the {@link com.dberi.webhooks.Event} envelope. Without
 * {@link #value()}, the type is inferred from the data parameter, which must then be the record of
 * a documented type. With {@link #value()}, each listed documented type must parse to the data
 * parameter's type; types this SDK version does not model arrive as {@code UnknownEventData}.
 *
 * <p>The method is called through the bean from the application context, so {@code @Transactional}
 * and other proxies apply; it must not be private or static, and with an interface-based (JDK)
 * proxy it must be declared on one of the bean's interfaces. Several methods for one type run in
 * the order of {@link org.springframework.core.annotation.Order @Order} on the method, then on the
 * bean class, then unordered. An event is marked processed only when all of them returned. When one
 * throws, the filter responds with 500, and Dberi's retry runs all of them again.
 *
 * <p>Startup fails, naming the bean and the method, when a method breaks one of these rules.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DberiWebhook {

  /**
   * Event types that this method handles, such as {@code payment.completed}. Empty to infer the
   * type from the data parameter.
   */
  String[] value() default {};

  /**
   * Whether this method handles events whose type no other {@code @DberiWebhook} method handles,
   * such as types that Dberi added after this SDK version. A fallback method takes no {@link
   * #value()}, and its data parameter, if any, is {@code EventData}, because a documented type
   * without a handler reaches it too. Several fallback methods run in order. Without any, such
   * events are acknowledged with 200 and logged.
   */
  boolean fallback() default false;
}
