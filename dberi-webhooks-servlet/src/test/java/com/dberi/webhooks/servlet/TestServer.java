package com.dberi.webhooks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 on 127.0.0.1 with an ephemeral port, a context path, a filter that records
 * the request headers as the server received them, the filter under test, and an application
 * servlet behind it.
 */
final class TestServer implements AutoCloseable {

  static final String CONTEXT_PATH = "/shop";

  private final Server server;
  private final ServerConnector connector;
  private final ConcurrentLinkedQueue<Map<String, List<String>>> receivedHeaders =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger applicationRequests = new AtomicInteger();

  private TestServer(FilterHolder filter, HttpServlet application) throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(CONTEXT_PATH);
    context.addFilter(
        new FilterHolder(new HeaderRecorder()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    HttpServlet app = application != null ? application : new EchoServlet();
    context.addServlet(new ServletHolder(new CountingServlet(app)), "/*");
    server.setHandler(context);
    server.start();
  }

  /** Starts a server with {@code filter} and an application servlet that echoes the path. */
  static TestServer start(DberiWebhookFilter filter) throws Exception {
    return new TestServer(new FilterHolder(filter), null);
  }

  /** Starts a server with {@code filter} in front of {@code application}. */
  static TestServer start(DberiWebhookFilter filter, HttpServlet application) throws Exception {
    return new TestServer(new FilterHolder(filter), application);
  }

  /**
   * Starts a server whose filter Jetty creates and initialises from {@code holder}'s init
   * parameters.
   */
  static TestServer start(FilterHolder holder) throws Exception {
    return new TestServer(holder, null);
  }

  int port() {
    return connector.getLocalPort();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + CONTEXT_PATH + path);
  }

  /** Returns the headers of the last request the server received, names as sent. */
  Map<String, List<String>> lastReceivedHeaders() {
    Map<String, List<String>> last = null;
    for (Map<String, List<String>> headers : receivedHeaders) {
      last = headers;
    }
    return last;
  }

  int applicationRequests() {
    return applicationRequests.get();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Failed to stop the test server on port " + port(), e);
    }
  }

  /** Records the request headers exactly as Jetty exposes them. */
  private final class HeaderRecorder implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String name : Collections.list(http.getHeaderNames())) {
        headers.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
      }
      receivedHeaders.add(headers);
      chain.doFilter(request, response);
    }
  }

  /** Counts the requests that reach the application. */
  private final class CountingServlet extends HttpServlet {
    private final HttpServlet delegate;

    CountingServlet(HttpServlet delegate) {
      this.delegate = delegate;
    }

    @Override
    public void init() throws ServletException {
      delegate.init(getServletConfig());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      applicationRequests.incrementAndGet();
      delegate.service(request, response);
    }
  }

  /** Responds to every request with "app " and the path within the application. */
  static final class EchoServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setStatus(200);
      response.setContentType("text/plain; charset=utf-8");
      String path =
          request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      response
          .getOutputStream()
          .write(("app " + request.getMethod() + " " + path).getBytes(StandardCharsets.UTF_8));
    }
  }
}
