package com.dberi.webhooks.testsupport;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * slf4j-simple with a working MDC. slf4j-simple 2.0 ships a no-op MDC adapter, so tests that check
 * MDC values select this provider with the system property {@code slf4j.provider}; log lines still
 * go to {@code System.err} as slf4j-simple writes them.
 */
public final class MdcSimpleLoggerProvider implements SLF4JServiceProvider {

  private final SimpleServiceProvider simple = new SimpleServiceProvider();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return simple.getLoggerFactory();
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return simple.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return simple.getRequestedApiVersion();
  }

  @Override
  public void initialize() {
    simple.initialize();
  }
}
