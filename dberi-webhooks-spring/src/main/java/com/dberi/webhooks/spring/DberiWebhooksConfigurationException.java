package com.dberi.webhooks.spring;

/**
 * Thrown at startup when the Dberi webhooks configuration is invalid: a missing, blank or
 * unresolved secret, an invalid {@code dberi.webhooks.*} property, or a {@code @DberiWebhook} method
 * that breaks a rule. The message names the property or the bean and method, and the fix; Spring
 * Boot shows it in its "APPLICATION FAILED TO START" report.
 */
public class DberiWebhooksConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names what is wrong and how to fix it. */
  public DberiWebhooksConfigurationException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the exception that caused it. */
  public DberiWebhooksConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
