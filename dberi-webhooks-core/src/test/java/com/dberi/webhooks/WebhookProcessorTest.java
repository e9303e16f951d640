package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.idempotency.ClaimResult;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testsupport.DeliveryCase;
import com.dberi.webhooks.testsupport.DeliveryCases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

/** Runs the processor contract on the in-memory store, plus the checks that need no particular store. */
class WebhookProcessorTest extends WebhookProcessorContract {

  @Override
  IdempotencyStore createStore(Clock clock, Duration retention) {
    return InMemoryIdempotencyStore.builder().clock(clock).retention(retention).build();
  }

  @Override
  int purgeExpired(IdempotencyStore store) {
    return ((InMemoryIdempotencyStore) store).purgeExpired();
  }

  // ---- retention in the in-memory store ----

  @Test
  void purgeDropsOnlyExpiredKeys() {
    InMemoryIdempotencyStore memory = (InMemoryIdempotencyStore) store;
    WebhookProcessor processor = processor().on(PaymentExpired.class, (data, event) -> {}).build();

    deliver(processor, expired("evt_old"));
    clock.advance(Duration.ofMinutes(30));
    deliver(processor, expired("evt_new"));
    clock.advance(Duration.ofMinutes(31));
    int purged = memory.purgeExpired();

    assertThat(purged).isEqualTo(1);
    assertThat(memory.size()).isEqualTo(1);
    assertThat(deliver(processor, expired("evt_new")).outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  // ---- store failures ----

  @Test
  void fullStoreAnswers500() throws Exception {
    store = InMemoryIdempotencyStore.builder().clock(clock).maxEntries(1).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  if (event.id().orElseThrow().equals("evt_hold")) {
                    started.countDown();
                    await(release);
                  }
                })
            .build();

    Future<WebhookResult> holding = deliverAsync(processor, expired("evt_hold"));
    await(started);
    WebhookResult rejected = deliver(processor, expired("evt_other"));
    release.countDown();

    assertThat(rejected.status()).isEqualTo(500);
    assertThat(rejected.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rejected.body()).isEqualTo("idempotency store unavailable; retry later");
    assertThat(get(holding).outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(deliver(processor, expired("evt_other")).outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void releaseFailureStillAnswers500() {
    store = new FailingReleaseStore(store);
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  throw new IllegalStateException("handler down");
                })
            .build();

    try (ErrCapture err = new ErrCapture()) {
      WebhookResult result = deliver(processor, expired("evt_rel"));

      assertThat(result.status()).isEqualTo(500);
      assertThat(err.text()).contains("Idempotency store failed to release event evt_rel");
    }
  }

  /** An Error from a handler propagates, but the claim is released first so a retry can run. */
  @Test
  void handlerErrorReleasesClaim() {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  calls.add("call");
                  if (calls.size() == 1) {
                    throw new AssertionError("fatal in handler");
                  }
                })
            .build();

    assertThatThrownBy(() -> deliver(processor, expired("evt_err")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("fatal in handler");
    WebhookResult retried = deliver(processor, expired("evt_err"));

    assertThat(retried.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(calls).hasSize(2);
    assertThat(MDC.get(WebhookProcessor.MDC_EVENT_ID)).isNull();
  }

  // ---- handler registration and dispatch ----

  @Test
  void stringTypeGetsTypedData() {
    AtomicReference<EventData> seen = new AtomicReference<>();
    WebhookProcessor processor =
        processor().on("payment.expired", (data, event) -> seen.set(data)).build();

    deliver(processor, expired("evt_str"));

    assertThat(seen.get()).isEqualTo(new PaymentExpired("pay_evt_str"));
  }

  @Test
  void unknownTypeHandlerGetsUnknownData() {
    AtomicReference<EventData> seen = new AtomicReference<>();
    WebhookProcessor processor =
        processor().on("dispute.opened", (data, event) -> seen.set(data)).build();

    WebhookResult result =
        deliver(processor, "{\"id\":\"evt_dsp\",\"type\":\"dispute.opened\",\"data\":{\"d\":1}}");

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(seen.get()).isEqualTo(new UnknownEventData("dispute.opened", "{\"d\":1}"));
  }

  @Test
  void fallbackGetsUnhandledTypes() {
    List<String> fallbackTypes = new CopyOnWriteArrayList<>();
    List<String> typed = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> typed.add(event.type()))
            .fallback((data, event) -> fallbackTypes.add(event.type()))
            .build();

    deliver(processor, expired("evt_typed"));
    WebhookResult unknown =
        deliver(processor, "{\"id\":\"evt_fb\",\"type\":\"dispute.opened\",\"data\":{}}");

    assertThat(unknown.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(fallbackTypes).containsExactly("dispute.opened");
    assertThat(typed).containsExactly("payment.expired");
  }

  @Test
  void handledTypesListed() {
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> {})
            .on("dispute.opened", (data, event) -> {})
            .build();

    assertThat(processor.handledTypes()).containsExactlyInAnyOrder("payment.expired", "dispute.opened");
    assertThat(processor.verifier()).isSameAs(verifier);
    assertThat(processor.idempotencyStore()).isSameAs(store);
  }

  // ---- headers ----

  @Test
  void headerNamesMatchIgnoringCase() {
    WebhookProcessor processor = processor().on(PaymentExpired.class, (data, event) -> {}).build();
    SignedDelivery delivery = signer.sign(expired("evt_case"), clock.instant());
    Map<String, String> headers =
        Map.of(
            "X-DBERI-SIGNATURE", delivery.signatureHeader(),
            "X-Dberi-Timestamp", delivery.timestampHeader());

    WebhookResult result = processor.process(delivery.body(), headers);

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void firstOfCaseVariantHeadersWins() {
    WebhookProcessor processor = processor().on(PaymentExpired.class, (data, event) -> {}).build();
    SignedDelivery delivery = signer.sign(expired("evt_first"), clock.instant());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Dberi-Signature", delivery.signatureHeader());
    headers.put("x-dberi-signature", "0".repeat(64));
    headers.put("x-dberi-timestamp", delivery.timestampHeader());

    WebhookResult result = processor.process(delivery.body(), headers);

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void nullHeaderNameIgnored() {
    WebhookProcessor processor = processor().on(PaymentExpired.class, (data, event) -> {}).build();
    SignedDelivery delivery = signer.sign(expired("evt_nullname"), clock.instant());
    Map<String, String> headers = new java.util.HashMap<>(delivery.headers());
    headers.put(null, "HTTP/1.1 200 OK");

    WebhookResult result = processor.process(delivery.body(), headers);

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void missingHeadersInMapRejected() {
    WebhookProcessor processor = processor().build();

    WebhookResult result =
        processor.process(expired("evt_none").getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.rejectionReason()).contains(WebhookVerificationException.Reason.MISSING_SIGNATURE);
  }

  @Test
  void nullBodyRejected() {
    WebhookProcessor processor = processor().build();

    assertThatThrownBy(() -> processor.process(null, "sig", "1"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body");
  }

  @Test
  void nullHeaderMapRejected() {
    WebhookProcessor processor = processor().build();

    assertThatThrownBy(() -> processor.process(new byte[0], (Map<String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("headers");
  }

  static Stream<DeliveryCase> recordedSingleRequests() {
    // 413 is decided by the HTTP adapters from the body size, before the core receives the body.
    return DeliveryCases.singleRequest().stream().filter(c -> c.expected().status() != 413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedSingleRequests")
  void recordedDeliveryStatus(DeliveryCase recorded) {
    clock.set(Instant.ofEpochMilli(recorded.nowMillis()));
    WebhookVerifier recordedVerifier =
        WebhookVerifier.builder().secrets(recorded.receiverSecrets()).clock(clock).build();
    WebhookProcessor processor =
        WebhookProcessor.builder()
            .verifier(recordedVerifier)
            .idempotencyStore(store)
            .fallback((data, event) -> {})
            .build();

    WebhookResult result = processor.process(recorded.body(), recorded.headers());

    assertThat(result.status()).isEqualTo(recorded.expected().status());
    recorded.expected().eventId().ifPresent(id -> assertThat(result.eventId()).contains(id));
  }

  // ---- transaction, listener and MDC ----

  @Test
  void transactionWrapsHandlersAndCompletion() {
    List<String> steps = new CopyOnWriteArrayList<>();
    store = new RecordingStore(store, steps);
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> steps.add("handler"))
            .handlerTransaction(
                work -> {
                  steps.add("begin");
                  work.run();
                  steps.add("commit");
                })
            .build();

    WebhookResult result = deliver(processor, expired("evt_tx"));

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(steps).containsExactly("claim", "begin", "handler", "complete", "commit");
  }

  @Test
  void transactionSeesHandlerFailure() {
    List<String> steps = new CopyOnWriteArrayList<>();
    store = new RecordingStore(store, steps);
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  throw new IllegalStateException("write failed");
                })
            .handlerTransaction(
                work -> {
                  steps.add("begin");
                  try {
                    work.run();
                    steps.add("commit");
                  } catch (Exception e) {
                    steps.add("rollback");
                    throw e;
                  }
                })
            .build();

    WebhookResult result = deliver(processor, expired("evt_txf"));

    assertThat(result.status()).isEqualTo(500);
    assertThat(steps).containsExactly("claim", "begin", "rollback", "release");
  }

  @Test
  void swallowingTransactionAnswers500() {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  calls.add("call");
                  if (calls.size() == 1) {
                    throw new IllegalStateException("write failed");
                  }
                })
            .handlerTransaction(
                work -> {
                  try {
                    work.run();
                  } catch (Exception e) {
                    // Rolls back but does not rethrow the exception.
                  }
                })
            .build();

    try (ErrCapture err = new ErrCapture()) {
      WebhookResult failed = deliver(processor, expired("evt_swallow"));

      assertThat(failed.status()).isEqualTo(500);
      assertThat(err.text()).contains("returned without completing Dberi event evt_swallow");
    }
    WebhookResult retried = deliver(processor, expired("evt_swallow"));

    assertThat(retried.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(calls).hasSize(2);
  }

  @Test
  void skippingTransactionAnswers500() {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> calls.add("call"))
            .handlerTransaction(work -> {})
            .build();

    WebhookResult result = deliver(processor, expired("evt_skipwork"));

    assertThat(result.status()).isEqualTo(500);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(calls).isEmpty();
  }

  @Test
  void failingCommitAnswers500() {
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> {})
            .handlerTransaction(
                work -> {
                  work.run();
                  throw new java.sql.SQLException("commit failed");
                })
            .build();

    WebhookResult result = deliver(processor, expired("evt_commit"));

    assertThat(result.status()).isEqualTo(500);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
  }

  /**
   * A transaction wrapper may wrap checked exceptions, as callback-based transaction templates do;
   * a lost lease must still return 409.
   */
  @Test
  void wrappedLeaseLossStillConflict() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .lease(Duration.ofSeconds(30))
            .handlerTransaction(
                work -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    throw e;
                  } catch (Exception e) {
                    throw new java.lang.reflect.UndeclaredThrowableException(e);
                  }
                })
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  calls.add("call");
                  if (calls.size() == 1) {
                    firstStarted.countDown();
                    await(releaseFirst);
                  }
                })
            .build();

    Future<WebhookResult> stale = deliverAsync(processor, expired("evt_wrap"));
    await(firstStarted);
    clock.advance(Duration.ofSeconds(31));
    WebhookResult takeover = deliver(processor, expired("evt_wrap"));
    releaseFirst.countDown();

    assertThat(takeover.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(get(stale).status()).isEqualTo(409);
  }

  /** The timeout guards against an endless walk of the cause chain; it is not a speed target. */
  @Test
  @org.junit.jupiter.api.Timeout(
      value = 30,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void cyclicCauseChainAnswers500() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> {})
            .handlerTransaction(
                work -> {
                  throw first;
                })
            .build();

    WebhookResult result = deliver(processor, expired("evt_cycle"));

    assertThat(result.status()).isEqualTo(500);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void listenerGetsEveryResult() {
    List<WebhookResult> results = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> {})
            .resultListener(results::add)
            .build();

    WebhookResult processed = deliver(processor, expired("evt_l"));
    WebhookResult duplicate = deliver(processor, expired("evt_l"));
    WebhookResult rejected =
        processor.process(expired("evt_l").getBytes(StandardCharsets.UTF_8), null, null);
    WebhookResult ignored =
        deliver(processor, "{\"id\":\"evt_li\",\"type\":\"dispute.opened\",\"data\":{}}");

    assertThat(results).containsExactly(processed, duplicate, rejected, ignored);
    assertThat(results)
        .extracting(WebhookResult::outcome)
        .containsExactly(Outcome.PROCESSED, Outcome.DUPLICATE, Outcome.REJECTED, Outcome.IGNORED);
  }

  @Test
  void throwingListenerKeepsResponse() {
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> {})
            .resultListener(
                result -> {
                  throw new IllegalStateException("metrics down");
                })
            .build();

    try (ErrCapture err = new ErrCapture()) {
      WebhookResult result = deliver(processor, expired("evt_lt"));
      WebhookResult rejected =
          processor.process(expired("evt_lt").getBytes(StandardCharsets.UTF_8), "00", "1");

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
      assertThat(rejected.status()).isEqualTo(401);
      assertThat(err.text()).contains("Result listener failed for WebhookResult{outcome=PROCESSED");
    }
  }

  @Test
  void mdcSetWhileHandlersRun() {
    Map<String, String> seen = new LinkedHashMap<>();
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  seen.put("id", MDC.get(WebhookProcessor.MDC_EVENT_ID));
                  seen.put("type", MDC.get(WebhookProcessor.MDC_EVENT_TYPE));
                })
            .build();

    deliver(processor, expired("evt_mdc"));

    assertThat(seen).containsEntry("id", "evt_mdc").containsEntry("type", "payment.expired");
    assertThat(MDC.get(WebhookProcessor.MDC_EVENT_ID)).isNull();
    assertThat(MDC.get(WebhookProcessor.MDC_EVENT_TYPE)).isNull();
  }

  @Test
  void mdcClearedAfterFailure() {
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  throw new IllegalStateException("fails");
                })
            .build();

    deliver(processor, expired("evt_mdcf"));

    assertThat(MDC.get(WebhookProcessor.MDC_EVENT_ID)).isNull();
    assertThat(MDC.get(WebhookProcessor.MDC_EVENT_TYPE)).isNull();
  }

  @Test
  void mdcWithoutIdNamesNoId() {
    AtomicReference<String> seen = new AtomicReference<>();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> seen.set(MDC.get(WebhookProcessor.MDC_EVENT_ID)))
            .build();

    deliver(processor, "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"p_mdc\"}}");

    assertThat(seen.get()).isEqualTo("(no id)");
  }

  // ---- logging ----

  @Test
  void logsNeverContainSecretSignatureOrBody() throws Exception {
    String json =
        "{\"id\":\"evt_log\",\"type\":\"payment.completed\",\"data\":{\"payment_id\":\"pay_log\","
            + "\"amount\":4200,\"customer_id\":\"cus_private_71\",\"metadata\":{\"email\":"
            + "\"someone@example.org\"}}}";
    SignedDelivery delivery = signer.sign(json, clock.instant());
    String signature = delivery.signatureHeader();
    byte[] body = delivery.body();
    String now = delivery.timestampHeader();
    String badJson = "{\"id\":\"evt_bad\",\"type\":\"payment.completed\",\"data\":{\"cvc\":\"913\"} x";
    byte[] badBody = badJson.getBytes(StandardCharsets.UTF_8);
    List<String> handlerCalls = new ArrayList<>();

    String logged;
    try (ErrCapture err = new ErrCapture()) {
      WebhookProcessor processor =
          WebhookProcessor.builder()
              .verifier(verifier)
              .on(
                  PaymentCompleted.class,
                  (data, event) -> {
                    handlerCalls.add(event.id().orElseThrow());
                    if (handlerCalls.size() == 1) {
                      throw new IllegalStateException("handler failed once");
                    }
                  })
              .build();

      processor.process(body, signature, now);
      processor.process(body, signature, now);
      processor.process(body, signature, now);
      processor.process(body, "sha256=" + signature, now);
      processor.process(body, signature.toUpperCase(Locale.ROOT) + "0", now);
      processor.process(body, WebhookSignerHolder.other(body), now);
      processor.process(body, signature, "1");
      processor.process(badBody, signer.signature(badBody), now);
      logged = err.text();
    }

    assertThat(handlerCalls).hasSize(2);
    assertThat(logged).contains("evt_log");
    assertThat(logged).contains("Rejected Dberi delivery with status 401 (MALFORMED_SIGNATURE)");
    assertThat(logged).contains("Rejected Dberi delivery with status 401 (SIGNATURE_MISMATCH)");
    assertThat(logged).contains("Rejected Dberi delivery with status 400 (TIMESTAMP_TOO_OLD)");
    assertThat(logged).contains("in-memory idempotency store");
    assertThat(logged).doesNotContain(SECRET);
    assertThat(logged).doesNotContain(signature);
    assertThat(logged).doesNotContain(signature.toUpperCase(Locale.ROOT));
    assertThat(logged).doesNotContain(signature.substring(0, 16));
    assertThat(logged).doesNotContain(signer.signature(badBody));
    assertThat(logged).doesNotContain(json);
    assertThat(logged).doesNotContain("cus_private_71");
    assertThat(logged).doesNotContain("someone@example.org");
    assertThat(logged).doesNotContain("\"cvc\"");
  }

  // ---- builder ----

  @Test
  void missingVerifierRejected() {
    assertThatThrownBy(() -> WebhookProcessor.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No WebhookVerifier configured; call verifier(WebhookVerifier.builder().secret(...)"
                + ".build())");
  }

  @Test
  void unknownDataClassRejected() {
    assertThatThrownBy(
            () -> WebhookProcessor.builder().on(UnknownEventData.class, (data, event) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "com.dberi.webhooks.event.UnknownEventData is not the data record of a documented"
                + " event type; register on(\"type.name\", handler) or fallback(handler) instead");
  }

  @Test
  void eventDataInterfaceRejected() {
    assertThatThrownBy(() -> WebhookProcessor.builder().on(EventData.class, (data, event) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("com.dberi.webhooks.event.EventData is not the data record");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankTypeRejected(String type) {
    assertThatThrownBy(() -> WebhookProcessor.builder().on(type, (data, event) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "shop one", "shop:1", "shöp", "ns/1"})
  void badNamespaceRejected(String bad) {
    assertThatThrownBy(() -> WebhookProcessor.builder().namespace(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace must be 1 to 64 letters, digits, '.', '_' or '-', was '" + bad + "'");
  }

  @Test
  void overlongNamespaceRejected() {
    String tooLong = "n".repeat(65);

    assertThatThrownBy(() -> WebhookProcessor.builder().namespace(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("namespace must be 1 to 64 letters");
  }

  @Test
  void longestNamespaceAccepted() {
    WebhookProcessor processor =
        processor().namespace("n".repeat(64)).on(PaymentExpired.class, (d, e) -> {}).build();

    assertThat(deliver(processor, expired("evt_ns64")).outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void controlCharsInNamespaceMasked() {
    assertThatThrownBy(() -> WebhookProcessor.builder().namespace("a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("was 'a?b'");
  }

  @Test
  void zeroLeaseRejected() {
    assertThatThrownBy(() -> WebhookProcessor.builder().lease(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lease must be positive, was PT0S");
  }

  @Test
  void negativeLeaseRejected() {
    assertThatThrownBy(() -> WebhookProcessor.builder().lease(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lease must be positive, was PT-5S");
  }

  @Test
  void nullArgumentsRejected() {
    WebhookProcessor.Builder builder = WebhookProcessor.builder();

    assertThatThrownBy(() -> builder.verifier(null)).hasMessage("verifier");
    assertThatThrownBy(() -> builder.idempotencyStore(null)).hasMessage("store");
    assertThatThrownBy(() -> builder.namespace(null)).hasMessage("namespace");
    assertThatThrownBy(() -> builder.lease(null)).hasMessage("lease");
    assertThatThrownBy(() -> builder.on((Class<PaymentExpired>) null, (d, e) -> {}))
        .hasMessage("dataType");
    assertThatThrownBy(() -> builder.on(PaymentExpired.class, null)).hasMessage("handler");
    assertThatThrownBy(() -> builder.on((String) null, (d, e) -> {})).hasMessage("type");
    assertThatThrownBy(() -> builder.fallback(null)).hasMessage("handler");
    assertThatThrownBy(() -> builder.handlerTransaction(null)).hasMessage("transaction");
    assertThatThrownBy(() -> builder.resultListener(null)).hasMessage("listener");
  }

  @Test
  void defaultStoreWarns() {
    try (ErrCapture err = new ErrCapture()) {
      WebhookProcessor processor = WebhookProcessor.builder().verifier(verifier).build();

      assertThat(processor.idempotencyStore()).isInstanceOf(InMemoryIdempotencyStore.class);
      assertThat(err.text())
          .contains("WARN")
          .contains("Dberi webhooks use an in-memory idempotency store");
    }
  }

  @Test
  void toStringHidesSecret() {
    WebhookProcessor processor = processor().build();

    assertThat(processor.toString()).doesNotContain(SECRET).contains("namespace=" + namespace);
  }

  /** Signs with a secret the verifier does not hold. */
  private static final class WebhookSignerHolder {
    static String other(byte[] body) {
      return com.dberi.webhooks.testing.WebhookSigner.withSecret("whsec_not_configured").signature(body);
    }
  }

  /** Passes every call through to a real store and fails every release. */
  private static final class FailingReleaseStore implements IdempotencyStore {
    private final IdempotencyStore delegate;

    FailingReleaseStore(IdempotencyStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public ClaimResult claim(String key, String owner, Duration lease) {
      return delegate.claim(key, owner, lease);
    }

    @Override
    public boolean complete(String key, String owner) {
      return delegate.complete(key, owner);
    }

    @Override
    public void release(String key, String owner) {
      throw new com.dberi.webhooks.idempotency.IdempotencyStoreException("release failed in test");
    }
  }

  /** Passes every call through to a real store and records its name. */
  private static final class RecordingStore implements IdempotencyStore {
    private final IdempotencyStore delegate;
    private final List<String> steps;

    RecordingStore(IdempotencyStore delegate, List<String> steps) {
      this.delegate = delegate;
      this.steps = steps;
    }

    @Override
    public ClaimResult claim(String key, String owner, Duration lease) {
      steps.add("claim");
      return delegate.claim(key, owner, lease);
    }

    @Override
    public boolean complete(String key, String owner) {
      steps.add("complete");
      return delegate.complete(key, owner);
    }

    @Override
    public void release(String key, String owner) {
      steps.add("release");
      delegate.release(key, owner);
    }
  }
}
