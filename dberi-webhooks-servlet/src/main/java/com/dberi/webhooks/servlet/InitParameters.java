package com.dberi.webhooks.servlet;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Builds a filter's settings from the init parameters of a {@code web.xml} declaration. */
final class InitParameters {

  static final String SECRET_ENV = "secret-env";
  static final String SECRET_PROPERTY = "secret-property";
  static final String TOLERANCE = "tolerance";
  static final String PATH = "path";
  static final String MAX_BODY_BYTES = "max-body-bytes";
  static final String PROCESSOR_FACTORY = "processor-factory";

  private final FilterConfig config;
  private final Function<String, String> environment;

  InitParameters(FilterConfig config, Function<String, String> environment) {
    this.config = config;
    this.environment = environment;
  }

  /** Reads every init parameter; throws a ServletException that names the first bad one. */
  FilterSettings parse() throws ServletException {
    String path = path();
    long maxBodyBytes = maxBodyBytes();
    WebhookVerifier verifier = verifier();
    String factoryName = parameter(PROCESSOR_FACTORY);
    if (factoryName == null) {
      return new FilterSettings(path, maxBodyBytes, null, verifier);
    }
    return new FilterSettings(path, maxBodyBytes, createProcessor(factoryName, verifier), null);
  }

  private String path() throws ServletException {
    String path = parameter(PATH);
    if (path == null) {
      return DberiWebhookFilter.DEFAULT_PATH;
    }
    try {
      return DberiWebhookFilter.checkPath(path);
    } catch (IllegalArgumentException e) {
      throw invalid(PATH, e.getMessage());
    }
  }

  private long maxBodyBytes() throws ServletException {
    String value = parameter(MAX_BODY_BYTES);
    if (value == null) {
      return DberiWebhookFilter.DEFAULT_MAX_BODY_BYTES;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(
          MAX_BODY_BYTES,
          "'" + value + "' is not a whole number of bytes; use for example 1048576");
    }
    try {
      return DberiWebhookFilter.checkMaxBodyBytes(parsed);
    } catch (IllegalArgumentException e) {
      throw invalid(MAX_BODY_BYTES, e.getMessage());
    }
  }

  private WebhookVerifier verifier() throws ServletException {
    WebhookVerifier.Builder builder = WebhookVerifier.builder();
    try {
      builder.secret(secret());
    } catch (IllegalArgumentException e) {
      throw new ServletException("Dberi webhook secret is invalid: " + e.getMessage());
    }
    Duration tolerance = tolerance();
    if (tolerance != null) {
      try {
        builder.tolerance(tolerance);
      } catch (IllegalArgumentException e) {
        throw invalid(TOLERANCE, e.getMessage());
      }
    }
    return builder.build();
  }

  private String secret() throws ServletException {
    String variable = parameter(SECRET_ENV);
    String property = parameter(SECRET_PROPERTY);
    if (variable != null && property != null) {
      throw new ServletException(
          "Init parameters "
              + SECRET_ENV
              + " and "
              + SECRET_PROPERTY
              + " are both set; set only one of them, so that it is clear where the secret comes"
              + " from");
    }
    if (variable == null && property == null) {
      throw new ServletException(
          "Missing init parameter "
              + SECRET_ENV
              + " or "
              + SECRET_PROPERTY
              + ": set "
              + SECRET_ENV
              + " to the name of an environment variable (or "
              + SECRET_PROPERTY
              + " to the name of a system property) that holds the Dberi webhook signing secret."
              + " Never put the secret itself in web.xml");
    }
    String secret = variable != null ? environment.apply(variable) : System.getProperty(property);
    if (secret == null || secret.isBlank()) {
      String source =
          variable != null
              ? "environment variable " + variable + " (from init parameter " + SECRET_ENV + ")"
              : "system property " + property + " (from init parameter " + SECRET_PROPERTY + ")";
      throw new ServletException(
          "The "
              + source
              + " is "
              + (secret == null ? "not set" : "blank")
              + "; set it to the endpoint's signing secret from the Dberi dashboard, or fix the"
              + " name");
    }
    return secret;
  }

  /** Parses an ISO-8601 duration such as PT5M, or a whole number of seconds. */
  private Duration tolerance() throws ServletException {
    String value = parameter(TOLERANCE);
    if (value == null) {
      return null;
    }
    try {
      if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      return Duration.parse(value);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(
          TOLERANCE,
          "'"
              + value
              + "' is neither an ISO-8601 duration such as PT5M nor a whole number of seconds");
    }
  }

  private WebhookProcessor createProcessor(String className, WebhookVerifier verifier)
      throws ServletException {
    Class<?> type = loadClass(className);
    if (!WebhookProcessorFactory.class.isAssignableFrom(type)) {
      throw invalid(
          PROCESSOR_FACTORY,
          "class " + className + " does not implement " + WebhookProcessorFactory.class.getName());
    }
    WebhookProcessorFactory factory = instantiate(type, className);
    WebhookProcessor processor;
    try {
      processor = factory.create(verifier);
    } catch (RuntimeException e) {
      throw new ServletException(
          "WebhookProcessorFactory "
              + className
              + " (init parameter "
              + PROCESSOR_FACTORY
              + ") failed to create the processor: "
              + e,
          e);
    }
    if (processor == null) {
      throw invalid(
          PROCESSOR_FACTORY,
          "WebhookProcessorFactory "
              + className
              + " returned null from create(); return a WebhookProcessor");
    }
    return processor;
  }

  private Class<?> loadClass(String className) throws ServletException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = InitParameters.class.getClassLoader();
    }
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw invalid(
          PROCESSOR_FACTORY,
          "class "
              + className
              + " was not found in the web application; check the fully qualified name");
    }
  }

  private static WebhookProcessorFactory instantiate(Class<?> type, String className)
      throws ServletException {
    try {
      Constructor<?> constructor = type.getConstructor();
      if (!Modifier.isPublic(type.getModifiers())) {
        throw new NoSuchMethodException();
      }
      return (WebhookProcessorFactory) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw invalid(
          PROCESSOR_FACTORY,
          "class " + className + " needs to be public with a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new ServletException(
          "Constructor of "
              + className
              + " (init parameter "
              + PROCESSOR_FACTORY
              + ") threw "
              + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ServletException(
          "Cannot instantiate " + className + " (init parameter " + PROCESSOR_FACTORY + "): " + e,
          e);
    }
  }

  private String parameter(String name) {
    String value = config.getInitParameter(name);
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static ServletException invalid(String parameter, String problem) {
    return new ServletException("Invalid init parameter " + parameter + ": " + problem);
  }
}
