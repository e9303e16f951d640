package com.dberi.webhooks.servlet;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookResult;
import com.dberi.webhooks.WebhookVerificationException;
import com.dberi.webhooks.WebhookVerifier;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that receives Dberi webhooks on one path of the web application.
 *
 * <p>The filter handles only {@code POST} requests to its path ({@value #DEFAULT_PATH} by default)
 * and passes every other request down the chain untouched. For a delivery it reads the raw body
 * once from {@link ServletRequest#getInputStream()}, up to a size limit, before anything else can
 * parse it, and verifies exactly those bytes. It responds on its own with:
 *
 * <ul>
 *   <li>405 with {@code Allow: POST} for another method on the webhook path;
 *   <li>415 for a {@code Content-Encoding} other than {@code identity}, because the signature
 *       covers the bytes Dberi sent and the filter does not decompress;
 *   <li>413 for a body over the limit (1 MiB, 1048576 bytes, by default): at once for a declared
 *       {@code Content-Length} over it, otherwise as soon as the counted bytes pass it. The filter
 *       keeps at most limit + 1 bytes in memory and closes the connection.
 * </ul>
 *
 * <p>The filter works in one of two modes.
 *
 * <p><b>Handling mode</b> ({@link #builder(WebhookProcessor)}): the {@link WebhookProcessor}
 * verifies the delivery, runs its handlers exactly once per event, and decides the status; the
 * filter writes {@link WebhookResult#status()} and {@link WebhookResult#body()} as {@code
 * text/plain; charset=utf-8}. The request does not continue down the chain.
 *
 * <pre>{@code
 * WebhookProcessor processor = WebhookProcessor.builder()
 *     .verifier(WebhookVerifier.builder().secret(System.getenv("DBERI_WEBHOOK_SECRET")).build())
 *     .idempotencyStore(store)
 *     .on(PaymentCompleted.class, (payment, event) -> orders.markPaid(payment.paymentId()))
 *     .build();
 * servletContext.addFilter("dberi", DberiWebhookFilter.builder(processor).build())
 *     .addMappingForUrlPatterns(null, false, DberiWebhookFilter.DEFAULT_PATH);
 * }</pre>
 *
 * <p><b>Verify-only mode</b> ({@link #verifyOnlyBuilder(WebhookVerifier)}): the filter verifies and
 * parses the delivery and responds with 401 or 400 when that fails. On success it stores the {@link
 * Event} in the request attribute {@value #EVENT_ATTRIBUTE} and passes the request down the chain,
 * with a body that {@link ServletRequest#getInputStream()} and {@link ServletRequest#getReader()}
 * replay from the verified bytes. Note: verify-only mode does not detect duplicates. Dberi delivers
 * at least once, so the application must itself recognise an event id it has already processed, or
 * use handling mode, whose idempotency store does.
 *
 * <p><b>web.xml</b>: the public no-argument constructor creates a filter that {@link
 * #init(FilterConfig)} configures from init parameters:
 *
 * <ul>
 *   <li>{@code secret-env}: the name of an environment variable that contains the signing secret,
 *       or {@code secret-property}: the name of a system property that contains it. Exactly one is
 *       required; the secret itself never belongs in {@code web.xml};
 *   <li>{@code tolerance}: optional, an ISO-8601 duration such as {@code PT5M} or a number of
 *       seconds;
 *   <li>{@code path}: optional, the webhook path within the application;
 *   <li>{@code max-body-bytes}: optional, the body limit in bytes;
 *   <li>{@code processor-factory}: optional, the name of a class implementing {@link
 *       WebhookProcessorFactory}; with it the filter runs in handling mode, without it in
 *       verify-only mode.
 * </ul>
 *
 * <p>A filter created by a builder is configured already and ignores init parameters. Instances are
 * thread-safe once initialised.
 */
public final class DberiWebhookFilter implements Filter {

  /**
   * Name of the request attribute that contains the verified {@link Event} in verify-only mode:
   * {@code request.getAttribute(DberiWebhookFilter.EVENT_ATTRIBUTE)}.
   */
  public static final String EVENT_ATTRIBUTE = "com.dberi.webhooks.event";

  /** Default webhook path within the web application. */
  public static final String DEFAULT_PATH = "/webhooks/dberi";

  /** Default maximum body size in bytes: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576L;

  private static final Logger log = LoggerFactory.getLogger(DberiWebhookFilter.class);

  private static final String TEXT_PLAIN_UTF8 = "text/plain; charset=utf-8";
  private static final String POST = "POST";

  private final boolean preconfigured;
  private volatile FilterSettings settings;

  /**
   * Creates a filter for a {@code web.xml} declaration; {@link #init(FilterConfig)} configures it
   * from the init parameters. Until {@code init} succeeds, the filter responds with 500 to every
   * request. Use {@link #builder} or {@link #verifyOnlyBuilder} in code.
   */
  public DberiWebhookFilter() {
    this.preconfigured = false;
  }

  private DberiWebhookFilter(FilterSettings settings) {
    this.preconfigured = true;
    this.settings = settings;
  }

  /**
   * Returns a builder for a filter in handling mode: {@code processor} verifies each delivery, runs
   * its handlers once per event and decides the response.
   */
  public static Builder builder(WebhookProcessor processor) {
    return new Builder(Objects.requireNonNull(processor, "processor"), null);
  }

  /**
   * Returns a builder for a filter in verify-only mode: {@code verifier} checks each delivery, and
   * the application handles the verified event downstream, including duplicate detection.
   */
  public static Builder verifyOnlyBuilder(WebhookVerifier verifier) {
    return new Builder(null, Objects.requireNonNull(verifier, "verifier"));
  }

  /**
   * Configures a filter created with the no-argument constructor from {@code config}'s init
   * parameters (see the class description); does nothing for a filter created by a builder.
   *
   * @throws ServletException if an init parameter is missing or invalid; the message names the
   *     parameter and the fix
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    Objects.requireNonNull(config, "config");
    if (preconfigured) {
      log.debug(
          "Dberi webhook filter {} was built in code; ignoring its init parameters",
          config.getFilterName());
      return;
    }
    FilterSettings parsed = new InitParameters(config, System::getenv).parse();
    settings = parsed;
    log.debug(
        "Dberi webhook filter {} initialised in {} mode on path {} with a limit of {} bytes",
        config.getFilterName(),
        parsed.mode(),
        parsed.path(),
        parsed.maxBodyBytes());
  }

  /**
   * Handles a delivery to the webhook path as described for the class, and passes every other
   * request down the chain.
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    FilterSettings current = settings;
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)
        || (current != null && !current.path().equals(pathWithinApplication(http)))) {
      chain.doFilter(request, response);
      return;
    }
    if (current == null) {
      log.error(
          "Dberi webhook filter received a delivery before init(FilterConfig) ran; the container"
              + " must call init before doFilter. Responding with 500 to every request");
      writeText(
          httpResponse,
          HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
          "webhook filter not initialised");
      return;
    }
    handle(current, http, httpResponse, chain);
  }

  private void handle(
      FilterSettings current,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws IOException, ServletException {
    if (!POST.equals(request.getMethod())) {
      response.setHeader("Allow", POST);
      writeText(
          response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed: use POST");
      return;
    }
    String encoding = unsupportedContentEncoding(request);
    if (encoding != null) {
      log.warn(
          "Rejected Dberi delivery with status 415: Content-Encoding {} is not supported; the"
              + " signature covers the bytes Dberi sent, so turn off compression of requests to"
              + " this path in the proxy",
          encoding.replaceAll("\\p{Cntrl}", "?"));
      response.setHeader("Accept-Encoding", "identity");
      writeText(
          response,
          HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Encoding: send the body uncompressed");
      return;
    }

    byte[] body = readBody(current, request, response);
    if (body == null) {
      return;
    }
    if (current.handling()) {
      process(current.processor(), request, response, body);
    } else {
      verifyAndContinue(current.verifier(), request, response, chain, body);
    }
  }

  /**
   * Returns the body, or null after responding with 413 or 400 when it is too large or unreadable.
   */
  private static byte[] readBody(
      FilterSettings current, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long declared = request.getContentLengthLong();
    long max = current.maxBodyBytes();
    if (declared > max) {
      rejectTooLarge(response, "declared Content-Length " + declared, max);
      return null;
    }
    byte[] body;
    try {
      body = BodyReader.read(request.getInputStream(), declared, max);
    } catch (IOException e) {
      log.debug("Failed to read the body of a Dberi delivery: {}", e.toString());
      if (!response.isCommitted()) {
        response.setHeader("Connection", "close");
        writeText(response, HttpServletResponse.SC_BAD_REQUEST, "could not read the request body");
      }
      return null;
    }
    if (body == null) {
      rejectTooLarge(response, "body", max);
      return null;
    }
    return body;
  }

  private static void rejectTooLarge(HttpServletResponse response, String what, long max)
      throws IOException {
    log.warn(
        "Rejected Dberi delivery with status 413: {} is over the limit of {} bytes; raise"
            + " maxBodyBytes (init parameter max-body-bytes) if Dberi sends larger events",
        what,
        max);
    // The rest of the body stays unread, so the connection cannot carry another request.
    response.setHeader("Connection", "close");
    writeText(
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "payload too large: the limit is " + max + " bytes");
  }

  private static void process(
      WebhookProcessor processor,
      HttpServletRequest request,
      HttpServletResponse response,
      byte[] body)
      throws IOException {
    WebhookResult result;
    try {
      result =
          processor.process(
              body,
              request.getHeader(WebhookVerifier.SIGNATURE_HEADER),
              request.getHeader(WebhookVerifier.TIMESTAMP_HEADER));
    } catch (RuntimeException e) {
      log.error("WebhookProcessor threw while processing a Dberi delivery; responding with 500", e);
      writeText(
          response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error; retry later");
      return;
    }
    writeText(response, result.status(), result.body());
  }

  private static void verifyAndContinue(
      WebhookVerifier verifier,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      byte[] body)
      throws IOException, ServletException {
    Event event;
    try {
      event =
          verifier.verifyAndParse(
              body,
              request.getHeader(WebhookVerifier.SIGNATURE_HEADER),
              request.getHeader(WebhookVerifier.TIMESTAMP_HEADER));
    } catch (WebhookVerificationException e) {
      log.warn(
          "Rejected Dberi delivery with status {} ({}): {}",
          e.httpStatus(),
          e.reason(),
          e.getMessage());
      writeText(response, e.httpStatus(), e.reason() + ": " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      log.error("WebhookVerifier threw unexpectedly on a Dberi delivery; responding with 500", e);
      writeText(
          response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error; retry later");
      return;
    }
    log.debug("Verified Dberi event {}; passing it down the chain", event);
    request.setAttribute(EVENT_ATTRIBUTE, event);
    chain.doFilter(new ReplayingRequest(request, body), response);
  }

  /** Returns the first Content-Encoding other than identity, or null when there is none. */
  private static String unsupportedContentEncoding(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("Content-Encoding");
    if (values == null) {
      return null;
    }
    while (values.hasMoreElements()) {
      for (String coding : values.nextElement().split(",")) {
        String trimmed = coding.strip();
        if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("identity")) {
          return trimmed.length() > 32 ? trimmed.substring(0, 32) : trimmed;
        }
      }
    }
    return null;
  }

  /** Returns servlet path plus path info, or the request URI without the context path. */
  static String pathWithinApplication(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    if (!path.isEmpty()) {
      return path;
    }
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (uri == null) {
      return "";
    }
    return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  private static void writeText(HttpServletResponse response, int status, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(TEXT_PLAIN_UTF8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static String checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.contains("*") || path.contains("?") || path.contains("#")) {
      throw new IllegalArgumentException(
          "path must be an exact path within the application that starts with '/', without"
              + " wildcards or a query, such as "
              + DEFAULT_PATH
              + "; was '"
              + (path.length() > 64 ? path.substring(0, 64) + "..." : path)
              + "'");
    }
    return path;
  }

  static long checkMaxBodyBytes(long maxBodyBytes) {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 9) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be between 1 and "
              + (Integer.MAX_VALUE - 9)
              + ", was "
              + maxBodyBytes);
    }
    return maxBodyBytes;
  }

  /** Returns the mode, path and body limit; never a secret. */
  @Override
  public String toString() {
    FilterSettings current = settings;
    return current == null
        ? "DberiWebhookFilter{not initialised}"
        : "DberiWebhookFilter{mode="
            + current.mode()
            + ", path="
            + current.path()
            + ", maxBodyBytes="
            + current.maxBodyBytes()
            + "}";
  }

  /**
   * Builds a {@link DberiWebhookFilter}. Each setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder {

    private final WebhookProcessor processor;
    private final WebhookVerifier verifier;
    private String path = DEFAULT_PATH;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder(WebhookProcessor processor, WebhookVerifier verifier) {
      this.processor = processor;
      this.verifier = verifier;
    }

    /**
     * Sets the webhook path within the web application, compared exactly with the servlet path plus
     * path info (the request URI without the context path); the default is {@value
     * DberiWebhookFilter#DEFAULT_PATH}.
     *
     * @throws IllegalArgumentException unless the path starts with '/' and has no wildcard or query
     */
    public Builder path(String path) {
      this.path = checkPath(path);
      return this;
    }

    /**
     * Sets the largest body accepted, in bytes; larger deliveries get 413. The default is {@link
     * DberiWebhookFilter#DEFAULT_MAX_BODY_BYTES}, 1 MiB.
     *
     * @throws IllegalArgumentException if the limit is below 1 or above 2147483638 ({@code
     *     Integer.MAX_VALUE - 9}, the largest array the filter allocates)
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = checkMaxBodyBytes(maxBodyBytes);
      return this;
    }

    /** Builds the filter; it ignores init parameters when the container initialises it. */
    public DberiWebhookFilter build() {
      return new DberiWebhookFilter(new FilterSettings(path, maxBodyBytes, processor, verifier));
    }
  }
}
