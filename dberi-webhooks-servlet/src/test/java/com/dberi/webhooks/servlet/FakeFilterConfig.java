package com.dberi.webhooks.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A FilterConfig with fixed init parameters and no servlet context. */
final class FakeFilterConfig implements FilterConfig {

  private final Map<String, String> parameters;

  FakeFilterConfig(Map<String, String> parameters) {
    this.parameters = Map.copyOf(parameters);
  }

  @Override
  public String getFilterName() {
    return "dberi";
  }

  @Override
  public ServletContext getServletContext() {
    return null;
  }

  @Override
  public String getInitParameter(String name) {
    return parameters.get(name);
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }
}
