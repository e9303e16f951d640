package com.dberi.webhooks.spring;

import com.dberi.webhooks.EventHandler;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link DberiWebhook @DberiWebhook} methods of the application's beans and registers
 * them with the {@link WebhookProcessor}.
 *
 * <p>The processor is immutable and exists before most beans, because the servlet container requests
 * the webhook filter while the context refreshes. So discovery has two steps. When the
 * processor is built, {@link #registerInto} reads the methods from the bean classes, as the bean
 * definitions declare them, without creating any bean, checks each signature and registers one
 * handler per method and type. Once all singletons exist, {@link #afterSingletonsInstantiated}
 * binds each handler to its bean from the context, so that proxies such as {@code @Transactional}
 * apply, and fails startup when a created bean shows a method that its definition hid (a
 * {@code @Bean} method declaring an interface as its return type, for example). Abstract and
 * non-singleton beans are not scanned. Lazy beans are not scanned either, so that no handler
 * creates them early; a warning names each lazy bean that has {@code @DberiWebhook} methods.
 */
final class DberiWebhookMethods implements SmartInitializingSingleton, BeanFactoryAware {

  private static final Logger log = LoggerFactory.getLogger(DberiWebhookMethods.class);

  private static final List<String> DOCUMENTED_TYPES =
      Arrays.stream(EventType.values()).map(EventType::wireName).toList();

  private static final Comparator<HandlerMethod> BY_ORDER =
      Comparator.comparingInt(HandlerMethod::order);

  private ConfigurableListableBeanFactory beanFactory;
  private List<HandlerMethod> discovered;
  private boolean registered;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
  }

  /**
   * Registers every discovered method with {@code builder}, ordered by {@code @Order}: one
   * registration per method and event type, and the fallback methods as the builder's fallback.
   *
   * @throws DberiWebhooksConfigurationException if a method breaks a rule of {@link DberiWebhook}
   */
  synchronized void registerInto(WebhookProcessor.Builder builder) {
    List<HandlerMethod> methods = new ArrayList<>(discover());
    methods.sort(BY_ORDER);

    List<HandlerMethod> fallbacks = new ArrayList<>();
    for (HandlerMethod method : methods) {
      if (method.isFallback()) {
        fallbacks.add(method);
        continue;
      }
      for (String type : method.types()) {
        builder.on(type, method);
      }
    }
    if (!fallbacks.isEmpty()) {
      builder.fallback(inOrder(List.copyOf(fallbacks)));
    }
    registered = true;
  }

  private static EventHandler<EventData> inOrder(List<HandlerMethod> fallbacks) {
    return (data, event) -> {
      for (HandlerMethod fallback : fallbacks) {
        fallback.handle(data, event);
      }
    };
  }

  /** Returns the discovered methods, scanning the bean definitions on the first call. */
  synchronized List<HandlerMethod> discover() {
    if (discovered == null) {
      List<HandlerMethod> found = new ArrayList<>();
      for (String beanName : candidateBeanNames()) {
        Class<?> beanClass = declaredClass(beanName);
        if (beanClass != null) {
          found.addAll(methodsOf(beanName, beanClass));
        }
      }
      discovered = List.copyOf(found);
    }
    return discovered;
  }

  @Override
  public synchronized void afterSingletonsInstantiated() {
    List<HandlerMethod> methods = discover();
    checkNoneHidden(methods);
    warnAboutLazyBeans();
    if (methods.isEmpty()) {
      log.debug("Found no @DberiWebhook methods");
      return;
    }
    if (beanFactory.getBeanNamesForType(WebhookProcessor.class, false, false).length == 0) {
      throw new DberiWebhooksConfigurationException(
          "Found "
              + methods.size()
              + " @DberiWebhook method(s), such as "
              + methods.get(0).describe()
              + ", but no webhook secret is configured; set "
              + DberiWebhooksProperties.PREFIX
              + ".secret to the endpoint's signing secret from the Dberi dashboard, or define a"
              + " WebhookVerifier bean");
    }
    if (!registered) {
      log.warn(
          "The application defines its own WebhookProcessor bean, so its {} @DberiWebhook"
              + " method(s), such as {}, are not called; register handlers on that processor, or"
              + " remove the bean to use the auto-configured one",
          methods.size(),
          methods.get(0).describe());
      return;
    }
    for (HandlerMethod method : methods) {
      method.bind(beanFactory);
      warnAboutUndocumentedTypes(method);
    }
    log.info(
        "Registered {} @DberiWebhook method(s) for event types {}{}",
        methods.size(),
        handledTypes(methods),
        methods.stream().anyMatch(HandlerMethod::isFallback) ? " and a fallback" : "");
  }

  /**
   * Logs a warning for each type of {@code method} that Dberi does not document, because a
   * misspelt type such as {@code payment.complete} would otherwise leave its events unhandled.
   * Types added by Dberi after this SDK version are legitimate, so this does not fail startup.
   */
  private static void warnAboutUndocumentedTypes(HandlerMethod method) {
    for (String type : method.types()) {
      if (EventType.fromWireName(type).isEmpty()) {
        log.warn(
            "{} handles event type '{}', which is not one of the documented types {}; check the"
                + " spelling unless Dberi added this type after this SDK version",
            method.describe(),
            type,
            DOCUMENTED_TYPES);
      }
    }
  }

  private static Set<String> handledTypes(List<HandlerMethod> methods) {
    return methods.stream()
        .flatMap(method -> method.types().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Logs a warning for each lazy bean with {@code @DberiWebhook} methods, which are not called. */
  private void warnAboutLazyBeans() {
    for (String beanName : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
      if (!definition.isLazyInit() || definition.isAbstract()) {
        continue;
      }
      Class<?> beanClass = declaredClass(beanName);
      if (beanClass != null && !annotatedMethods(beanClass).isEmpty()) {
        log.warn(
            "Bean '{}' ({}) has @DberiWebhook methods but is lazy, so they are not called; mark"
                + " the bean @Lazy(false), or exclude it from spring.main.lazy-initialization",
            beanName,
            beanClass.getName());
      }
    }
  }

  private List<String> candidateBeanNames() {
    List<String> names = new ArrayList<>();
    for (String beanName : beanFactory.getBeanDefinitionNames()) {
      if (ScopedProxyUtils.isScopedTarget(beanName)) {
        continue;
      }
      BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
      if (!definition.isAbstract() && definition.isSingleton() && !definition.isLazyInit()) {
        names.add(beanName);
      }
    }
    for (String beanName : beanFactory.getSingletonNames()) {
      if (!beanFactory.containsBeanDefinition(beanName)) {
        names.add(beanName);
      }
    }
    return names;
  }

  /** Returns the class that declares the bean's methods, without creating the bean, or null. */
  private Class<?> declaredClass(String beanName) {
    try {
      Object existing =
          beanFactory.containsSingleton(beanName) ? beanFactory.getSingleton(beanName) : null;
      if (existing != null && !(existing instanceof FactoryBean)) {
        return AopUtils.getTargetClass(existing);
      }
      if (beanFactory.containsBeanDefinition(beanName)) {
        Object original =
            beanFactory
                .getMergedBeanDefinition(beanName)
                .getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE);
        if (original instanceof Class<?> originalClass) {
          return originalClass;
        }
      }
      Class<?> type = beanFactory.getType(beanName, false);
      return type == null ? null : ClassUtils.getUserClass(type);
    } catch (RuntimeException e) {
      log.debug("Skipped bean '{}' while looking for @DberiWebhook methods: its type is"
          + " unresolvable", beanName, e);
      return null;
    }
  }

  private static List<HandlerMethod> methodsOf(String beanName, Class<?> beanClass) {
    Map<Method, DberiWebhook> annotated = annotatedMethods(beanClass);
    Map<Method, DberiWebhook> sorted = new LinkedHashMap<>();
    annotated.keySet().stream()
        .sorted(Comparator.comparing(Method::toGenericString))
        .forEach(method -> sorted.put(method, annotated.get(method)));

    List<HandlerMethod> methods = new ArrayList<>(sorted.size());
    sorted.forEach(
        (method, annotation) ->
            methods.add(new HandlerMethod(beanName, beanClass, method, annotation)));
    return methods;
  }

  private static Map<Method, DberiWebhook> annotatedMethods(Class<?> beanClass) {
    if (!AnnotationUtils.isCandidateClass(beanClass, DberiWebhook.class)
        || isSpringContainerClass(beanClass)) {
      return Map.of();
    }
    return MethodIntrospector.selectMethods(
        beanClass,
        (MethodIntrospector.MetadataLookup<DberiWebhook>)
            method -> AnnotatedElementUtils.findMergedAnnotation(method, DberiWebhook.class));
  }

  private static boolean isSpringContainerClass(Class<?> type) {
    return type.getName().startsWith("org.springframework.");
  }

  /**
   * Fails when a created singleton has a {@code @DberiWebhook} method that its bean definition did
   * not show when the processor was built, so that no handler is silently left out.
   */
  private void checkNoneHidden(List<HandlerMethod> methods) {
    Set<String> known = new HashSet<>();
    for (HandlerMethod method : methods) {
      known.add(method.beanName() + "#" + method.method().toGenericString());
    }
    for (String beanName : candidateBeanNames()) {
      Object bean = beanFactory.containsSingleton(beanName) ? beanFactory.getSingleton(beanName) : null;
      if (bean == null || bean instanceof FactoryBean) {
        continue;
      }
      for (HandlerMethod method : methodsOf(beanName, AopUtils.getTargetClass(bean))) {
        if (!known.contains(beanName + "#" + method.method().toGenericString())) {
          throw new DberiWebhooksConfigurationException(
              "@DberiWebhook method "
                  + method.describe()
                  + " was not visible when the webhook processor was built, because the bean's"
                  + " definition declares another type; declare the bean's own class as the"
                  + " return type of its @Bean method");
        }
      }
    }
  }
}
