package com.dberi.webhooks.spring;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.EventHandler;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.UnknownEventData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link DberiWebhook @DberiWebhook} method of one bean, checked when it is created and bound to
 * the bean once all singletons exist.
 *
 * <p>The constructor checks the signature and resolves the event types, so that a wrong method fails
 * startup before any delivery. {@link #bind} selects the method that can be called on the bean
 * from the context, which may be a proxy, and {@link #handle} calls it there.
 */
final class HandlerMethod implements EventHandler<EventData> {

  private final String beanName;
  private final Method method;
  private final boolean fallback;
  private final List<String> types;
  private final int order;
  private final int dataIndex;
  private final int eventIndex;
  private final int parameterCount;

  private volatile Object bean;
  private volatile Method invocable;

  HandlerMethod(String beanName, Class<?> beanClass, Method method, DberiWebhook annotation) {
    this.beanName = beanName;
    this.method = method;
    this.fallback = annotation.fallback();
    this.order = orderOf(method, beanClass);
    checkModifiers();

    Class<?>[] parameterTypes = method.getParameterTypes();
    this.parameterCount = parameterTypes.length;
    int data = -1;
    int event = -1;
    if (parameterTypes.length == 0 || parameterTypes.length > 2) {
      throw invalid(
          "takes "
              + parameterTypes.length
              + " parameters; declare the event data (such as PaymentCompleted), the Event, or"
              + " both");
    }
    for (int i = 0; i < parameterTypes.length; i++) {
      Class<?> type = parameterTypes[i];
      if (type == Event.class && event < 0) {
        event = i;
      } else if (EventData.class.isAssignableFrom(type) && data < 0) {
        data = i;
      } else {
        throw invalid(
            "has an unsupported parameter "
                + (i + 1)
                + " of type "
                + type.getName()
                + "; declare the event data (such as PaymentCompleted), the Event, or one of each");
      }
    }
    this.dataIndex = data;
    this.eventIndex = event;
    this.types = fallback ? List.of() : resolveTypes(annotation.value(), dataType());
    if (fallback) {
      checkFallback(annotation.value());
    }
  }

  private void checkModifiers() {
    int modifiers = method.getModifiers();
    if (Modifier.isPrivate(modifiers)) {
      throw invalid("is private; make it public or package-private so that it can be called"
          + " through the bean's proxy");
    }
    if (Modifier.isStatic(modifiers)) {
      throw invalid("is static; declare it as an instance method of the bean");
    }
  }

  private Class<?> dataType() {
    return dataIndex < 0 ? null : method.getParameterTypes()[dataIndex];
  }

  private void checkFallback(String[] declaredTypes) {
    if (declaredTypes.length > 0) {
      throw invalid(
          "is a fallback and also lists event types; use either fallback = true or a list of"
              + " types");
    }
    Class<?> dataType = dataType();
    if (dataType != null && dataType != EventData.class) {
      throw invalid(
          "is a fallback, so its data parameter must be EventData, not "
              + dataType.getSimpleName()
              + ", because events of any type reach it");
    }
  }

  private List<String> resolveTypes(String[] declaredTypes, Class<?> dataType) {
    if (declaredTypes.length == 0) {
      return List.of(inferType(dataType));
    }
    Set<String> resolved = new LinkedHashSet<>();
    for (String type : declaredTypes) {
      if (type == null || type.isBlank()) {
        throw invalid("lists a blank event type; name each type, such as \"payment.completed\"");
      }
      checkDataType(type, dataType);
      if (!resolved.add(type)) {
        throw invalid("lists the event type '" + type + "' twice");
      }
    }
    return List.copyOf(resolved);
  }

  private String inferType(Class<?> dataType) {
    if (dataType == null) {
      throw invalid(
          "names no event type and has no data parameter to infer it from; write"
              + " @DberiWebhook(\"payment.completed\") or add a data parameter such as"
              + " PaymentCompleted");
    }
    Optional<EventType> inferred = EventType.fromDataType(dataType);
    if (inferred.isEmpty()) {
      throw invalid(
          "names no event type, and its data parameter "
              + dataType.getSimpleName()
              + " belongs to no documented type; list the types, as in"
              + " @DberiWebhook(\"some.type\"), or use fallback = true");
    }
    return inferred.get().wireName();
  }

  private void checkDataType(String type, Class<?> dataType) {
    if (dataType == null || dataType == EventData.class) {
      return;
    }
    Class<? extends EventData> expected =
        EventType.fromWireName(type).<Class<? extends EventData>>map(EventType::dataType)
            .orElse(UnknownEventData.class);
    if (!dataType.isAssignableFrom(expected)) {
      throw invalid(
          "handles '"
              + type
              + "', whose data is "
              + expected.getSimpleName()
              + ", but its data parameter is "
              + dataType.getSimpleName()
              + "; change the parameter to "
              + expected.getSimpleName()
              + " or EventData, or fix the event type");
    }
  }

  private static int orderOf(Method method, Class<?> beanClass) {
    Order onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    Order onBean = AnnotatedElementUtils.findMergedAnnotation(beanClass, Order.class);
    return onBean == null ? Ordered.LOWEST_PRECEDENCE : onBean.value();
  }

  /**
   * Selects the method to call on the bean from the context and keeps the bean.
   *
   * @throws IllegalStateException if the bean's proxy does not expose the method; the message names
   *     bean and method
   */
  void bind(BeanFactory beanFactory) {
    Class<?> exposedType = beanFactory.getType(beanName);
    Method selected;
    try {
      selected = AopUtils.selectInvocableMethod(method, exposedType);
    } catch (IllegalStateException e) {
      throw invalid(
          "cannot be called through the bean's proxy ("
              + e.getMessage()
              + "); declare the method on an interface that the bean implements, or proxy the"
              + " target class");
    }
    ReflectionUtils.makeAccessible(selected);
    this.invocable = selected;
    this.bean = beanFactory.getBean(beanName);
  }

  @Override
  public void handle(EventData data, Event event) throws Exception {
    Object target = bean;
    Method toCall = invocable;
    if (target == null || toCall == null) {
      throw new DberiWebhooksConfigurationException(
          "@DberiWebhook method " + describe() + " is not bound yet; the application is starting");
    }
    Object[] arguments = new Object[parameterCount];
    if (dataIndex >= 0) {
      arguments[dataIndex] = data;
    }
    if (eventIndex >= 0) {
      arguments[eventIndex] = event;
    }
    try {
      toCall.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  String beanName() {
    return beanName;
  }

  Method method() {
    return method;
  }

  boolean isFallback() {
    return fallback;
  }

  List<String> types() {
    return types;
  }

  int order() {
    return order;
  }

  String describe() {
    return method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + parameterList()
        + " of bean '"
        + beanName
        + "'";
  }

  private String parameterList() {
    List<String> names = new ArrayList<>();
    for (Class<?> type : method.getParameterTypes()) {
      names.add(type.getSimpleName());
    }
    return "(" + String.join(", ", names) + ")";
  }

  private DberiWebhooksConfigurationException invalid(String problem) {
    return new DberiWebhooksConfigurationException("@DberiWebhook method " + describe() + " " + problem);
  }

  @Override
  public String toString() {
    return "HandlerMethod{" + describe() + (fallback ? ", fallback" : ", types=" + types) + "}";
  }
}
