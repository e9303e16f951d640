package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.WebhookResult.Outcome;
import com.dberi.webhooks.WebhookVerificationException.Reason;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.idempotency.IdempotencyStore;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import com.dberi.webhooks.testsupport.DeliveryCase;
import com.dberi.webhooks.testsupport.DeliveryCase.Step;
import com.dberi.webhooks.testsupport.DeliveryCases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Processor behaviour that depends on the idempotency store: statuses, concurrency, retries, lease
 * takeover, retention, body-hash keys, namespaces and the recorded multi-request cases. Each
 * subclass runs it against one real store.
 */
abstract class WebhookProcessorContract {

  static final String SECRET = "whsec_processor_test_8a1f2c";
  static final Instant START = Instant.parse("2026-03-19T10:05:31Z");

  /** Upper bound for a latch wait, so that a broken processor fails the test instead of hanging. */
  static final long WAIT_SECONDS = 30;

  final MovableClock clock = new MovableClock(START);
  final WebhookSigner signer = WebhookSigner.withSecret(SECRET);
  final WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).clock(clock).build();
  final ExecutorService pool = Executors.newCachedThreadPool();

  /** A namespace unique to this test, so that tests sharing a database table never collide. */
  String namespace;

  IdempotencyStore store;

  /** Creates a fresh store on {@code clock} that keeps processed keys for {@code retention}. */
  abstract IdempotencyStore createStore(Clock clock, Duration retention);

  /** Drops the store's expired keys and returns how many it dropped. */
  abstract int purgeExpired(IdempotencyStore store);

  @BeforeEach
  void setUpStore() {
    namespace = "t" + Long.toHexString(System.nanoTime()) + "-" + getClass().getSimpleName();
    store = createStore(clock, Duration.ofHours(1));
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  WebhookProcessor.Builder processor() {
    return WebhookProcessor.builder().verifier(verifier).idempotencyStore(store).namespace(namespace);
  }

  static String expired(String id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_"
        + id
        + "\"}}";
  }

  /** Signs {@code json} at the clock's current time and processes it. */
  WebhookResult deliver(WebhookProcessor processor, String json) {
    SignedDelivery delivery = signer.sign(json, clock.instant());
    return processor.process(delivery.body(), delivery.headers());
  }

  Future<WebhookResult> deliverAsync(WebhookProcessor processor, String json) {
    SignedDelivery delivery = signer.sign(json, clock.instant());
    return pool.submit(() -> processor.process(delivery.body(), delivery.headers()));
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Latch not released within " + WAIT_SECONDS + " s");
    }
  }

  static <T> T get(Future<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  // ---- statuses ----

  @Test
  void processedThenDuplicate() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    WebhookResult first = deliver(processor, expired("evt_dup"));
    WebhookResult second = deliver(processor, expired("evt_dup"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(first.body()).isEqualTo("processed");
    assertThat(first.eventId()).contains("evt_dup");
    assertThat(first.eventType()).contains("payment.expired");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(second.body()).isEqualTo("duplicate: already processed");
    assertThat(runs).hasValue(1);
  }

  @Test
  void noHandlerIgnoredAndRecorded() {
    WebhookProcessor processor =
        processor().on(PaymentCompleted.class, (data, event) -> {}).build();

    WebhookResult first = deliver(processor, expired("evt_ign"));
    WebhookResult second = deliver(processor, expired("evt_ign"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(first.body()).isEqualTo("ignored: no handler for event type payment.expired");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void wrongSignatureUnauthorized() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    byte[] body = expired("evt_401").getBytes(StandardCharsets.UTF_8);
    String wrong = WebhookSigner.withSecret("whsec_someone_else").signature(body);

    WebhookResult result = processor.process(body, wrong, millis(clock.instant()));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.rejectionReason()).contains(Reason.SIGNATURE_MISMATCH);
    assertThat(result.body()).startsWith("SIGNATURE_MISMATCH: Signature mismatch:");
    assertThat(result.eventId()).isEmpty();
    assertThat(runs).hasValue(0);
  }

  @Test
  void missingSignatureUnauthorized() {
    WebhookProcessor processor = processor().build();
    byte[] body = expired("evt_401m").getBytes(StandardCharsets.UTF_8);

    WebhookResult result = processor.process(body, null, millis(clock.instant()));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.rejectionReason()).contains(Reason.MISSING_SIGNATURE);
  }

  @Test
  void staleTimestampBadRequest() {
    WebhookProcessor processor = processor().build();
    SignedDelivery delivery = signer.sign(expired("evt_old"), clock.instant().minusSeconds(301));

    WebhookResult result = processor.process(delivery.body(), delivery.headers());

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.rejectionReason()).contains(Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void malformedPayloadBadRequest() {
    WebhookProcessor processor = processor().build();

    WebhookResult result =
        deliver(processor, "{\"id\":\"evt_bad\",\"type\":\"payment.expired\",\"data\":{}}");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.rejectionReason()).contains(Reason.MALFORMED_PAYLOAD);
    assertThat(result.body())
        .isEqualTo(
            "MALFORMED_PAYLOAD: Malformed event payload: required field 'data.payment_id' is"
                + " missing");
  }

  @Test
  void concurrentDeliveryConflict() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  started.countDown();
                  await(release);
                })
            .build();

    Future<WebhookResult> first = deliverAsync(processor, expired("evt_409"));
    await(started);
    WebhookResult second = deliver(processor, expired("evt_409"));
    release.countDown();

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.outcome()).isEqualTo(Outcome.IN_PROGRESS);
    assertThat(second.body())
        .isEqualTo("in progress: another delivery of this event is being processed; retry later");
    assertThat(get(first).outcome()).isEqualTo(Outcome.PROCESSED);
  }

  @Test
  void handlerFailureThenRetry() {
    AtomicInteger calls = new AtomicInteger();
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("ledger unavailable");
                  }
                })
            .build();

    WebhookResult failed = deliver(processor, expired("evt_500"));
    WebhookResult retried = deliver(processor, expired("evt_500"));
    WebhookResult again = deliver(processor, expired("evt_500"));

    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.body())
        .isEqualTo("handler failed; the event was not marked processed and will be retried");
    assertThat(failed.body()).doesNotContain("ledger unavailable");
    assertThat(retried.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(calls).hasValue(2);
  }

  // ---- concurrency ----

  @Test
  void sixteenThreadsRunHandlerOnce() throws Exception {
    int threads = 16;
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    SignedDelivery delivery = signer.sign(expired("evt_16"), clock.instant());
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);

    List<Future<WebhookResult>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                await(go);
                return processor.process(delivery.body(), delivery.headers());
              }));
    }
    await(ready);
    go.countDown();

    List<WebhookResult> results = new ArrayList<>();
    for (Future<WebhookResult> future : futures) {
      results.add(get(future));
    }
    assertThat(runs).hasValue(1);
    assertThat(results).extracting(WebhookResult::outcome).containsOnlyOnce(Outcome.PROCESSED);
    assertThat(results).extracting(WebhookResult::status).isSubsetOf(200, 409);
    assertThat(results)
        .extracting(WebhookResult::outcome)
        .isSubsetOf(Outcome.PROCESSED, Outcome.DUPLICATE, Outcome.IN_PROGRESS);
  }

  // ---- several handlers ----

  @Test
  void handlersRunInRegistrationOrder() {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> calls.add("first"))
            .on("payment.expired", (data, event) -> calls.add("second"))
            .on(PaymentExpired.class, (data, event) -> calls.add("third"))
            .build();

    WebhookResult result = deliver(processor, expired("evt_order"));

    assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(calls).containsExactly("first", "second", "third");
  }

  /**
   * A failing second handler fails the event, so the retry runs the first handler again: handlers
   * of one event must tolerate running more than once.
   */
  @Test
  void secondHandlerFailureRerunsFirst() {
    List<String> calls = new CopyOnWriteArrayList<>();
    AtomicInteger secondCalls = new AtomicInteger();
    WebhookProcessor processor =
        processor()
            .on(PaymentExpired.class, (data, event) -> calls.add("first"))
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  calls.add("second");
                  if (secondCalls.incrementAndGet() == 1) {
                    throw new IllegalStateException("mail server down");
                  }
                })
            .build();

    WebhookResult failed = deliver(processor, expired("evt_two"));
    WebhookResult retried = deliver(processor, expired("evt_two"));

    assertThat(failed.status()).isEqualTo(500);
    assertThat(retried.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(calls).containsExactly("first", "second", "first", "second");
  }

  @Test
  void firstHandlerFailureSkipsSecond() {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        processor()
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  calls.add("first");
                  throw new IllegalStateException("boom");
                })
            .on(PaymentExpired.class, (data, event) -> calls.add("second"))
            .build();

    WebhookResult result = deliver(processor, expired("evt_skip"));

    assertThat(result.status()).isEqualTo(500);
    assertThat(calls).containsExactly("first");
  }

  // ---- lease takeover ----

  @Test
  void expiredLeaseTakenOver() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    WebhookProcessor processor =
        processor()
            .lease(Duration.ofSeconds(30))
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  if (calls.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    await(releaseFirst);
                  }
                })
            .build();

    Future<WebhookResult> stale = deliverAsync(processor, expired("evt_lease"));
    await(firstStarted);
    clock.advance(Duration.ofSeconds(31));
    WebhookResult takeover = deliver(processor, expired("evt_lease"));
    releaseFirst.countDown();
    WebhookResult staleResult = get(stale);
    WebhookResult later = deliver(processor, expired("evt_lease"));

    assertThat(takeover.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(staleResult.status()).isEqualTo(409);
    assertThat(staleResult.outcome()).isEqualTo(Outcome.IN_PROGRESS);
    assertThat(staleResult.body())
        .isEqualTo("in progress: another delivery of this event took over; retry later");
    assertThat(later.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(calls).hasValue(2);
  }

  @Test
  void unexpiredLeaseNotTakenOver() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WebhookProcessor processor =
        processor()
            .lease(Duration.ofSeconds(30))
            .on(
                PaymentExpired.class,
                (data, event) -> {
                  started.countDown();
                  await(release);
                })
            .build();

    Future<WebhookResult> first = deliverAsync(processor, expired("evt_hold"));
    await(started);
    clock.advance(Duration.ofSeconds(30));
    WebhookResult second = deliver(processor, expired("evt_hold"));
    release.countDown();

    assertThat(second.status()).isEqualTo(409);
    assertThat(get(first).outcome()).isEqualTo(Outcome.PROCESSED);
  }

  // ---- retention ----

  @Test
  void duplicateWithinRetention() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    deliver(processor, expired("evt_keep"));
    clock.advance(Duration.ofMinutes(59));
    WebhookResult later = deliver(processor, expired("evt_keep"));

    assertThat(later.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(runs).hasValue(1);
  }

  @Test
  void expiredKeyPurgedAndReprocessed() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    deliver(processor, expired("evt_purge"));
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    int purged = purgeExpired(store);
    WebhookResult later = deliver(processor, expired("evt_purge"));

    assertThat(purged).isPositive();
    assertThat(later.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(runs).hasValue(2);
  }

  // ---- keys ----

  @Test
  void identicalBodiesWithoutIdDuplicate() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    String json = "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_noid\"}}";

    WebhookResult first = deliver(processor, json);
    WebhookResult second = deliver(processor, json);

    assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(first.eventId()).isEmpty();
    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(runs).hasValue(1);
  }

  @Test
  void differentBodiesWithoutIdProcessed() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    WebhookResult first =
        deliver(processor, "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_a\"}}");
    WebhookResult second =
        deliver(processor, "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_b\"}}");

    assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(second.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(runs).hasValue(2);
  }

  /** Bodies without an id that differ only in whitespace are different bodies, so both run. */
  @Test
  void reformattedBodyWithoutIdProcessed() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    deliver(processor, "{\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_w\"}}");
    deliver(processor, "{\"type\":\"payment.expired\", \"data\":{\"payment_id\":\"pay_w\"}}");

    assertThat(runs).hasValue(2);
  }

  @Test
  void namespacesKeptApart() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor first =
        processor()
            .namespace(namespace + "-a")
            .on(PaymentExpired.class, (data, event) -> runs.incrementAndGet())
            .build();
    WebhookProcessor second =
        processor()
            .namespace(namespace + "-b")
            .on(PaymentExpired.class, (data, event) -> runs.incrementAndGet())
            .build();

    WebhookResult inFirst = deliver(first, expired("evt_ns"));
    WebhookResult inSecond = deliver(second, expired("evt_ns"));
    WebhookResult againInFirst = deliver(first, expired("evt_ns"));

    assertThat(inFirst.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(inSecond.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(againInFirst.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(runs).hasValue(2);
  }

  /** An id longer than fits in a key is hashed, and still deduplicated. */
  @Test
  void longEventIdDeduplicated() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    String id = "evt_" + "x".repeat(400);

    WebhookResult first = deliver(processor, expired(id));
    WebhookResult second = deliver(processor, expired(id));

    assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(runs).hasValue(1);
  }

  @Test
  void longIdsDifferingAtEndKeptApart() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();
    String prefix = "evt_" + "y".repeat(300);

    deliver(processor, expired(prefix + "1"));
    deliver(processor, expired(prefix + "2"));

    assertThat(runs).hasValue(2);
  }

  @Test
  void multibyteEventIdDeduplicated() {
    AtomicInteger runs = new AtomicInteger();
    WebhookProcessor processor =
        processor().on(PaymentExpired.class, (data, event) -> runs.incrementAndGet()).build();

    deliver(processor, expired("evt_ü😀"));
    WebhookResult second = deliver(processor, expired("evt_ü😀"));

    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(runs).hasValue(1);
  }

  // ---- recorded multi-request cases ----

  @Test
  void recordedConcurrentDuplicates() throws Exception {
    DeliveryCase recorded = DeliveryCases.byId("R17");
    clock.set(Instant.ofEpochMilli(recorded.nowMillis()));
    CountDownLatch oneReturned = new CountDownLatch(1);
    AtomicInteger dispatched = new AtomicInteger();
    List<EventData> seen = new CopyOnWriteArrayList<>();
    WebhookProcessor processor =
        recordedProcessor(recorded)
            .on(
                PaymentCompleted.class,
                (data, event) -> {
                  // Blocks until the other request of the group has returned its status.
                  await(oneReturned);
                  seen.add(data);
                  dispatched.incrementAndGet();
                })
            .build();

    List<Step> group =
        recorded.steps().stream().filter(step -> step.parallelGroup().isPresent()).toList();
    List<Future<WebhookResult>> futures = new ArrayList<>();
    for (Step step : group) {
      futures.add(
          pool.submit(
              () -> {
                WebhookResult result = processor.process(recorded.body(), step.headers());
                oneReturned.countDown();
                return result;
              }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<WebhookResult> future : futures) {
      statuses.add(get(future).status());
    }

    String groupName = group.get(0).parallelGroup().orElseThrow();
    assertThat(statuses)
        .containsExactlyInAnyOrderElementsOf(recorded.groupExpected().get(groupName).statuses());
    assertThat(dispatched).hasValue(recorded.groupExpected().get(groupName).dispatchCount());

    Step last = recorded.steps().get(recorded.steps().size() - 1);
    clock.set(Instant.ofEpochMilli(last.nowMillis()));
    WebhookResult finalResult = processor.process(recorded.body(), last.headers());

    assertThat(finalResult.status()).isEqualTo(last.expected().orElseThrow().status());
    assertThat(dispatched).hasValue(last.expected().orElseThrow().dispatchCount().orElseThrow());
    assertThat(finalResult.eventId()).isEqualTo(recorded.expected().eventId());
    assertThat(seen).hasSize(1);
    PaymentCompleted data = (PaymentCompleted) seen.get(0);
    assertThat(data.paymentId()).isEqualTo("pay_R17a");
    assertThat(data.amount()).isEqualTo(9900L);
    assertThat(data.metadata()).isEqualTo(Map.of("order_ref", "ORD-1042"));
  }

  @Test
  void recordedHandlerThrowsOnce() {
    DeliveryCase recorded = DeliveryCases.byId("R19");
    AtomicInteger invocations = new AtomicInteger();
    AtomicInteger dispatched = new AtomicInteger();
    WebhookProcessor processor =
        recordedProcessor(recorded)
            .on(
                PaymentFailed.class,
                (data, event) -> {
                  if (invocations.incrementAndGet() == 1) {
                    throw new IllegalStateException("first call fails");
                  }
                  dispatched.incrementAndGet();
                })
            .build();

    for (Step step : recorded.steps()) {
      clock.set(Instant.ofEpochMilli(step.nowMillis()));

      WebhookResult result = processor.process(recorded.body(), step.headers());

      DeliveryCase.Expected expected = step.expected().orElseThrow();
      assertThat(result.status()).as("step %d status", step.step()).isEqualTo(expected.status());
      assertThat(invocations.get())
          .as("step %d invocations", step.step())
          .isEqualTo(expected.handlerInvocations().orElseThrow());
      assertThat(dispatched.get())
          .as("step %d dispatch count", step.step())
          .isEqualTo(expected.dispatchCount().orElseThrow());
    }
  }

  private WebhookProcessor.Builder recordedProcessor(DeliveryCase recorded) {
    WebhookVerifier recordedVerifier =
        WebhookVerifier.builder().secrets(recorded.receiverSecrets()).clock(clock).build();
    return WebhookProcessor.builder()
        .verifier(recordedVerifier)
        .idempotencyStore(store)
        .namespace(namespace);
  }

  static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }
}
