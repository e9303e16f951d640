package com.dberi.webhooks;

import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.idempotency.ClaimResult;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns one HTTP delivery from Dberi into exactly one successful run of the event's handlers.
 *
 * <p>For each delivery the processor verifies and parses it with the {@link WebhookVerifier},
 * claims the event's idempotency key in the {@link IdempotencyStore}, runs the handlers registered
 * for its type in registration order, and marks the key processed only after all of them
 * succeeded. It never throws for bad input; {@link #process} returns the HTTP status for the response:
 *
 * <ul>
 *   <li>200: processed now, already processed (a duplicate), or no handler for the type (the event
 *       is acknowledged and recorded, so Dberi stops retrying it);
 *   <li>401: signature missing, malformed or wrong; 400: timestamp missing, malformed or outside the
 *       tolerance, or a body that is not a valid event;
 *   <li>409: another delivery of the same event holds the claim right now, so Dberi retries later;
 *   <li>500: a handler or the store failed; the claim is released so that Dberi's retry processes
 *       the event again.
 * </ul>
 *
 * <p>The idempotency key is the namespace and the event id. An event without an id is keyed by the
 * SHA-256 of its raw body, so byte-identical redeliveries are still recognised.
 *
 * <p>Built once and thread-safe. While handlers run, the SLF4J MDC holds {@code dberi.event_id} and
 * {@code dberi.event_type}.
 */
public final class WebhookProcessor {

  /** Default lease on a claimed event: shorter than Dberi's first retry after 5 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

  /** Default namespace of idempotency keys. */
  public static final String DEFAULT_NAMESPACE = "dberi";

  /** MDC key holding the event id while handlers run. */
  public static final String MDC_EVENT_ID = "dberi.event_id";

  /** MDC key holding the event type while handlers run. */
  public static final String MDC_EVENT_TYPE = "dberi.event_type";

  private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_ID_IN_KEY = 128;
  private static final int MAX_CAUSE_DEPTH = 16;

  private final WebhookVerifier verifier;
  private final IdempotencyStore store;
  private final String namespace;
  private final Duration lease;
  private final Map<String, List<Registration>> handlers;
  private final Registration fallback;
  private final HandlerTransaction transaction;
  private final Consumer<WebhookResult> resultListener;
  private final String ownerPrefix;
  private final AtomicLong ownerSequence = new AtomicLong();

  private WebhookProcessor(Builder builder) {
    this.verifier = builder.verifier;
    this.store = builder.store;
    this.namespace = builder.namespace;
    this.lease = builder.lease;
    Map<String, List<Registration>> byType = new LinkedHashMap<>();
    builder.handlers.forEach((type, list) -> byType.put(type, List.copyOf(list)));
    this.handlers = Map.copyOf(byType);
    this.fallback = builder.fallback;
    this.transaction = builder.transaction;
    this.resultListener = builder.resultListener;
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.ownerPrefix = HexFormat.of().formatHex(random) + "-";
  }

  /** Returns a builder; a verifier is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the verifier that checks every delivery. */
  public WebhookVerifier verifier() {
    return verifier;
  }

  /** Returns the store that records processed events. */
  public IdempotencyStore idempotencyStore() {
    return store;
  }

  /** Returns the event types that have at least one handler, in no particular order. */
  public Set<String> handledTypes() {
    return handlers.keySet();
  }

  /**
   * Processes one delivery with headers given by name; names are matched case-insensitively, only
   * the first value of each header counts, and an entry with a null name is ignored.
   *
   * @param body the raw request body, exactly as received
   * @param headers the request headers, for example from a serverless function's event
   */
  public WebhookResult process(byte[] body, Map<String, String> headers) {
    Objects.requireNonNull(headers, "headers");
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Some header maps, such as HttpURLConnection's, carry the status line under a null name.
    headers.forEach(
        (name, value) -> {
          if (name != null) {
            byName.putIfAbsent(name, value);
          }
        });
    return process(
        body,
        byName.get(WebhookVerifier.SIGNATURE_HEADER),
        byName.get(WebhookVerifier.TIMESTAMP_HEADER));
  }

  /**
   * Processes one delivery: verifies it, claims it, runs its handlers and records the outcome.
   * Never throws for bad input; the returned result contains the HTTP status for the response.
   *
   * @param body the raw request body, exactly as received
   * @param signatureHeader the {@code x-dberi-signature} value, or {@code null} when absent
   * @param timestampHeader the {@code x-dberi-timestamp} value, or {@code null} when absent
   * @throws NullPointerException if {@code body} is null
   */
  public WebhookResult process(byte[] body, String signatureHeader, String timestampHeader) {
    Objects.requireNonNull(body, "body");
    long started = System.nanoTime();
    WebhookResult result;
    Event event = null;
    try {
      event = verifier.verifyAndParse(body, signatureHeader, timestampHeader);
    } catch (WebhookVerificationException e) {
      log.warn(
          "Rejected Dberi delivery with status {} ({}): {}",
          e.httpStatus(),
          e.reason(),
          e.getMessage());
      result = WebhookResult.rejected(e);
      notifyListener(result);
      return result;
    } catch (RuntimeException e) {
      // A parser bug must not turn bad input into an exception for the adapter; the fuzz tests
      // look for such bugs, and this line makes one visible in the log.
      log.error("Verifying a Dberi delivery failed unexpectedly; rejecting it as malformed", e);
      result =
          WebhookResult.rejected(
              new WebhookVerificationException(
                  WebhookVerificationException.Reason.MALFORMED_PAYLOAD,
                  "Malformed event payload: the body could not be parsed",
                  e));
      notifyListener(result);
      return result;
    }
    result = dispatch(event, body);
    log.info(
        "Dberi event {} ({}): {} with status {} in {} ms",
        LogSafe.truncate(event.id().orElse("(no id)")),
        LogSafe.truncate(event.type()),
        result.outcome(),
        result.status(),
        (System.nanoTime() - started) / 1_000_000);
    notifyListener(result);
    return result;
  }

  private WebhookResult dispatch(Event event, byte[] body) {
    List<Registration> registrations = handlersFor(event);
    String key = idempotencyKey(event, body);
    String owner = ownerPrefix + ownerSequence.incrementAndGet();

    ClaimResult claim;
    try {
      claim = store.claim(key, owner, lease);
    } catch (RuntimeException e) {
      log.error(
          "Idempotency store failed to claim event {} ({}); responding with 500 so that Dberi retries",
          LogSafe.truncate(event.id().orElse("(no id)")),
          LogSafe.truncate(event.type()),
          e);
      return WebhookResult.of(
          Outcome.FAILED, event, "idempotency store unavailable; retry later", Duration.ZERO);
    }
    if (claim == ClaimResult.ALREADY_PROCESSED) {
      return WebhookResult.of(Outcome.DUPLICATE, event, "duplicate: already processed", Duration.ZERO);
    }
    if (claim == ClaimResult.IN_PROGRESS) {
      return WebhookResult.of(
          Outcome.IN_PROGRESS,
          event,
          "in progress: another delivery of this event is being processed; retry later",
          Duration.ZERO);
    }
    return runHandlers(event, registrations, key, owner);
  }

  private WebhookResult runHandlers(
      Event event, List<Registration> registrations, String key, String owner) {
    String id = LogSafe.truncate(event.id().orElse("(no id)"));
    String type = LogSafe.truncate(event.type());
    MDC.put(MDC_EVENT_ID, id);
    MDC.put(MDC_EVENT_TYPE, type);
    long started = System.nanoTime();
    AtomicBoolean completed = new AtomicBoolean();
    try {
      transaction.execute(
          () -> {
            for (Registration registration : registrations) {
              registration.invoke(event);
            }
            if (!store.complete(key, owner)) {
              throw new LeaseLostException();
            }
            completed.set(true);
          });
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (!completed.get()) {
        // The transaction skipped the work or swallowed its exception; a 200 would lose the event.
        releaseQuietly(key, owner, id, type);
        log.error(
            "HandlerTransaction {} returned without completing Dberi event {} ({}): it skipped the"
                + " work or swallowed its exception. Responding with 500 so that Dberi retries; make"
                + " execute(work) run the work and rethrow what it throws",
            transaction,
            id,
            type);
        return WebhookResult.of(
            Outcome.FAILED,
            event,
            "handler failed; the event was not marked processed and will be retried",
            elapsed);
      }
      if (registrations.isEmpty()) {
        log.info("No handler for Dberi event type {}; acknowledged event {}", type, id);
        return WebhookResult.of(
            Outcome.IGNORED, event, "ignored: no handler for event type " + type, elapsed);
      }
      return WebhookResult.of(Outcome.PROCESSED, event, "processed", elapsed);
    } catch (Exception e) {
      if (!isLeaseLost(e)) {
        return handlerFailed(e, event, key, owner, started);
      }
      log.warn(
          "Claim on Dberi event {} ({}) expired after {} and was taken over by another delivery"
              + " before the handlers finished; raise the lease above the handlers' longest run",
          id,
          type,
          lease);
      return WebhookResult.of(
          Outcome.IN_PROGRESS,
          event,
          "in progress: another delivery of this event took over; retry later",
          Duration.ofNanos(System.nanoTime() - started));
    } catch (Error e) {
      releaseQuietly(key, owner, id, type);
      throw e;
    } finally {
      MDC.remove(MDC_EVENT_ID);
      MDC.remove(MDC_EVENT_TYPE);
    }
  }

  private WebhookResult handlerFailed(
      Exception e, Event event, String key, String owner, long started) {
    String id = LogSafe.truncate(event.id().orElse("(no id)"));
    String type = LogSafe.truncate(event.type());
    releaseQuietly(key, owner, id, type);
    log.warn(
        "Handler for Dberi event {} ({}) failed; the event is not marked processed and Dberi will"
            + " retry it",
        id,
        type,
        e);
    return WebhookResult.of(
        Outcome.FAILED,
        event,
        "handler failed; the event was not marked processed and will be retried",
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Returns true if the exception, or one it wraps, reports a claim taken over by another owner.
   * The walk stops after 16 causes, because initCause can build a cycle that never ends in null.
   */
  private static boolean isLeaseLost(Throwable e) {
    Throwable cause = e;
    for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (cause instanceof LeaseLostException) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  private void releaseQuietly(String key, String owner, String id, String type) {
    try {
      store.release(key, owner);
    } catch (RuntimeException e) {
      log.error(
          "Idempotency store failed to release event {} ({}); its claim stays until the lease of {}"
              + " expires",
          id,
          type,
          lease,
          e);
    }
  }

  private List<Registration> handlersFor(Event event) {
    List<Registration> registered = handlers.get(event.type());
    if (registered != null) {
      return registered;
    }
    return fallback == null ? List.of() : List.of(fallback);
  }

  private String idempotencyKey(Event event, byte[] body) {
    String id = event.id().orElse(null);
    if (id == null) {
      return namespace + ":body-sha256:" + sha256Hex(body);
    }
    if (id.length() > MAX_ID_IN_KEY) {
      return namespace + ":id-sha256:" + sha256Hex(id.getBytes(StandardCharsets.UTF_8));
    }
    return namespace + ":" + id;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM provides no SHA-256 implementation", e);
    }
  }

  private void notifyListener(WebhookResult result) {
    if (resultListener == null) {
      return;
    }
    try {
      resultListener.accept(result);
    } catch (RuntimeException e) {
      log.warn("Result listener failed for {}; the response is unaffected", result, e);
    }
  }

  @Override
  public String toString() {
    return "WebhookProcessor{verifier="
        + verifier
        + ", store="
        + store
        + ", namespace="
        + namespace
        + ", lease="
        + lease
        + ", handledTypes="
        + handlers.keySet()
        + "}";
  }

  /** Thrown inside the handler work when completion finds the claim taken over by another owner. */
  private static final class LeaseLostException extends Exception {
    private static final long serialVersionUID = 1L;

    LeaseLostException() {
      super(null, null, false, false);
    }
  }

  /** One registered handler with the data type it accepts. */
  private record Registration(Class<? extends EventData> dataType, EventHandler<EventData> handler) {

    void invoke(Event event) throws Exception {
      EventData data = event.data();
      if (!dataType.isInstance(data)) {
        // A handler registered by class receives only its record; a type string with another record
        // is a registration mistake that build() rules out.
        throw new IllegalStateException(
            "Handler for " + dataType.getSimpleName() + " got " + data.getClass().getSimpleName());
      }
      handler.handle(data, event);
    }
  }

  /**
   * Builds a {@link WebhookProcessor}. Each method checks its argument when called; {@link #build()}
   * checks that a verifier was given. Not thread-safe.
   */
  public static final class Builder {

    private WebhookVerifier verifier;
    private IdempotencyStore store;
    private String namespace = DEFAULT_NAMESPACE;
    private Duration lease = DEFAULT_LEASE;
    private final Map<String, List<Registration>> handlers = new LinkedHashMap<>();
    private Registration fallback;
    private HandlerTransaction transaction = HandlerTransaction.NONE;
    private Consumer<WebhookResult> resultListener;

    private Builder() {}

    /** Sets the verifier for signatures, timestamps and payloads. Required. */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets the store that records processed events. The default is an {@link
     * InMemoryIdempotencyStore}, which is per process and lost on restart; {@link #build()} logs a
     * warning when it is used.
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the prefix of idempotency keys, so that several Dberi accounts or endpoints can share one
     * store. The default is {@value WebhookProcessor#DEFAULT_NAMESPACE}.
     *
     * @throws IllegalArgumentException unless the namespace is 1 to 64 letters, digits, '.', '_' or '-'
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "namespace must be 1 to 64 letters, digits, '.', '_' or '-', was '"
                + LogSafe.truncate(namespace)
                + "'");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets how long a claim lasts before another delivery of the same event may take it over; the
     * default is 2 minutes. Keep it above the handlers' longest run and below Dberi's first retry
     * interval of 5 minutes, so that an event whose worker crashed is processed on that retry.
     *
     * @throws IllegalArgumentException if the lease is zero or negative
     */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.isZero() || lease.isNegative()) {
        throw new IllegalArgumentException("lease must be positive, was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * Registers a handler for the documented event type whose data is {@code dataType}. Several
     * handlers for one type run in registration order; the event is marked processed only when all
     * of them return normally, and a retry runs all of them again.
     *
     * @throws IllegalArgumentException if {@code dataType} is not the record of a documented type
     *     (use {@link #on(String, EventHandler)} or {@link #fallback} for other types)
     */
    @SuppressWarnings("unchecked")
    public <T extends EventData> Builder on(Class<T> dataType, EventHandler<? super T> handler) {
      Objects.requireNonNull(dataType, "dataType");
      Objects.requireNonNull(handler, "handler");
      EventType type =
          EventType.fromDataType(dataType)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          dataType.getName()
                              + " is not the data record of a documented event type; register"
                              + " on(\"type.name\", handler) or fallback(handler) instead"));
      register(type.wireName(), new Registration(dataType, (EventHandler<EventData>) handler));
      return this;
    }

    /**
     * Registers a handler for an event type given by its {@code type} string, such as {@code
     * payment.completed} or a type this SDK version does not model yet (its data is then {@link
     * UnknownEventData}).
     *
     * @throws IllegalArgumentException if {@code type} is blank
     */
    public Builder on(String type, EventHandler<EventData> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      if (type.isBlank()) {
        throw new IllegalArgumentException("event type must not be blank");
      }
      register(type, new Registration(EventData.class, handler));
      return this;
    }

    /**
     * Sets the handler for events whose type has no registered handler, such as types added to
     * Dberi after this SDK version. Without a fallback such events are acknowledged with 200 and
     * logged.
     */
    public Builder fallback(EventHandler<EventData> handler) {
      this.fallback = new Registration(EventData.class, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Sets how the handlers and the store's completion run together; the default runs them without
     * a transaction. See {@link HandlerTransaction}.
     */
    public Builder handlerTransaction(HandlerTransaction transaction) {
      this.transaction = Objects.requireNonNull(transaction, "transaction");
      return this;
    }

    /**
     * Sets a listener that receives every result, for metrics. It runs on the request thread; an
     * exception from it is logged and does not change the response.
     */
    public Builder resultListener(Consumer<WebhookResult> listener) {
      this.resultListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    private void register(String type, Registration registration) {
      handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(registration);
    }

    /**
     * Builds the processor.
     *
     * @throws IllegalStateException if no verifier was given
     */
    public WebhookProcessor build() {
      if (verifier == null) {
        throw new IllegalStateException(
            "No WebhookVerifier configured; call verifier(WebhookVerifier.builder().secret(...)"
                + ".build())");
      }
      if (store == null) {
        store = InMemoryIdempotencyStore.create();
        log.warn(
            "Dberi webhooks use an in-memory idempotency store: processed event ids are per"
                + " process and lost on restart, so a retry after a restart or on another"
                + " instance is processed again. Configure a JdbcIdempotencyStore for production.");
      }
      return new WebhookProcessor(this);
    }
  }
}
