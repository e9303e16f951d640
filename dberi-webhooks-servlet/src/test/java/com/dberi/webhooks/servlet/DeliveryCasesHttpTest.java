package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;
import com.dberi.webhooks.testsupport.DeliveryCase;
import com.dberi.webhooks.testsupport.DeliveryCase.Expected;
import com.dberi.webhooks.testsupport.DeliveryCase.GroupExpected;
import com.dberi.webhooks.testsupport.DeliveryCase.Step;
import com.dberi.webhooks.testsupport.DeliveryCases;
import com.dberi.webhooks.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every recorded delivery as a real HTTP request, with its exact headers and bytes, to a
 * filter in handling mode whose clock is set to the case's receiver time.
 */
class DeliveryCasesHttpTest {

  private static final String WEBHOOK_PATH = DberiWebhookFilter.DEFAULT_PATH;
  private static final long LATCH_TIMEOUT_SECONDS = 30;

  private final Http http = new Http();

  static Stream<DeliveryCase> cases() {
    return DeliveryCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deliveryCase(DeliveryCase delivery) throws Exception {
    MutableClock clock = MutableClock.startingAt(Instant.ofEpochMilli(delivery.nowMillis()));
    RecordingHandlers handlers = new RecordingHandlers();
    WebhookProcessor processor =
        handlers
            .register(
                WebhookProcessor.builder()
                    .verifier(
                        WebhookVerifier.builder()
                            .secrets(delivery.receiverSecrets())
                            .clock(clock)
                            .build())
                    .idempotencyStore(InMemoryIdempotencyStore.create()))
            .build();
    DberiWebhookFilter filter =
        DberiWebhookFilter.builder(processor)
            .maxBodyBytes(
                delivery.maxBodyBytes().orElse((int) DberiWebhookFilter.DEFAULT_MAX_BODY_BYTES))
            .build();

    try (TestServer server = TestServer.start(filter)) {
      if (delivery.isMultiRequest()) {
        runSteps(delivery, server, clock, handlers);
      } else {
        HttpResponse<String> response =
            http.postAsDescribed(server.uri(WEBHOOK_PATH), delivery.headers(), delivery.body());
        assertThat(response.statusCode())
            .as("status, body '%s'", response.body())
            .isEqualTo(delivery.expected().status());
        assertHeadersReceived(delivery.headers(), server.lastReceivedHeaders());
      }
      assertFinalState(delivery.expected(), handlers);
    }
  }

  private void runSteps(
      DeliveryCase delivery, TestServer server, MutableClock clock, RecordingHandlers handlers)
      throws Exception {
    CountDownLatch firstResponse = new CountDownLatch(1);
    handlers.hook(behaviour(delivery, firstResponse));

    List<Step> steps = delivery.steps();
    int index = 0;
    while (index < steps.size()) {
      Step step = steps.get(index);
      if (step.parallelGroup().isEmpty()) {
        clock.set(Instant.ofEpochMilli(step.nowMillis()));
        HttpResponse<String> response =
            http.postAsDescribed(server.uri(WEBHOOK_PATH), step.headers(), delivery.body());
        Expected expected = step.expected().orElseThrow();
        assertThat(response.statusCode())
            .as("step %d status", step.step())
            .isEqualTo(expected.status());
        assertCounts("step " + step.step(), expected, handlers);
        index++;
        continue;
      }

      String group = step.parallelGroup().get();
      List<Step> members = new ArrayList<>();
      while (index < steps.size()
          && steps.get(index).parallelGroup().equals(step.parallelGroup())) {
        members.add(steps.get(index++));
      }
      runGroup(delivery, server, clock, handlers, group, members, firstResponse);
    }
  }

  private void runGroup(
      DeliveryCase delivery,
      TestServer server,
      MutableClock clock,
      RecordingHandlers handlers,
      String group,
      List<Step> members,
      CountDownLatch firstResponse)
      throws Exception {
    assertThat(members.stream().map(Step::nowMillis).distinct())
        .as("group %s clock", group)
        .hasSize(1);
    clock.set(Instant.ofEpochMilli(members.get(0).nowMillis()));

    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (Step member : members) {
      futures.add(
          http.postAsync(server.uri(WEBHOOK_PATH), member.headers(), delivery.body())
              .whenComplete((response, error) -> firstResponse.countDown()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> future : futures) {
      statuses.add(future.get(LATCH_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS).statusCode());
    }

    GroupExpected expected = delivery.groupExpected().get(group);
    assertThat(statuses)
        .as("group %s statuses", group)
        .containsExactlyInAnyOrderElementsOf(expected.statuses());
    assertThat(handlers.dispatchCount())
        .as("group %s dispatch count", group)
        .isEqualTo(expected.dispatchCount());
  }

  /** Returns the handler behaviour that the case describes in words. */
  private static RecordingHandlers.Hook behaviour(
      DeliveryCase delivery, CountDownLatch firstResponse) {
    String description = delivery.handler().orElse("").toLowerCase(Locale.ROOT);
    if (description.isEmpty()) {
      return invocation -> {};
    }
    if (description.contains("countdownlatch")) {
      // The handler keeps the claim until the other request of the group has been answered.
      return invocation -> {
        if (invocation == 1 && !firstResponse.await(LATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "The second request of " + delivery.id() + " never returned");
        }
      };
    }
    if (description.contains("throws runtimeexception on its 1st call")) {
      return invocation -> {
        if (invocation == 1) {
          throw new RuntimeException("handler failure on the first call of " + delivery.id());
        }
      };
    }
    return fail("No handler behaviour for case %s: '%s'", delivery.id(), delivery.handler().get());
  }

  private static void assertCounts(String where, Expected expected, RecordingHandlers handlers) {
    expected
        .dispatchCount()
        .ifPresent(
            count ->
                assertThat(handlers.dispatchCount())
                    .as("%s dispatch count", where)
                    .isEqualTo(count));
    expected
        .handlerInvocations()
        .ifPresent(
            count ->
                assertThat(handlers.invocations())
                    .as("%s handler invocations", where)
                    .isEqualTo(count));
  }

  private static void assertFinalState(Expected expected, RecordingHandlers handlers) {
    assertCounts("final", expected, handlers);
    if (expected.status() != 200) {
      assertThat(handlers.dispatched()).as("events dispatched after a rejection").isEmpty();
      return;
    }
    List<Event> seen = new ArrayList<>(handlers.dispatched());
    seen.addAll(handlers.fallbackEvents());
    assertThat(seen).as("events the handlers saw").isNotEmpty();
    Event event = seen.get(seen.size() - 1);
    expected
        .eventType()
        .ifPresent(type -> assertThat(event.type()).as("event type").isEqualTo(type));
    expected.eventId().ifPresent(id -> assertThat(event.id()).as("event id").contains(id));
    expected
        .fields()
        .ifPresent(
            fields -> {
              Map<String, Object> actual = EventFields.of(event.data());
              EventFields.expected(fields)
                  .forEach(
                      (name, value) ->
                          assertThat(actual.get(name)).as("field %s", name).isEqualTo(value));
            });
  }

  /** Checks that Jetty received every non-framing header under its original name and value. */
  private static void assertHeadersReceived(
      Map<String, String> sent, Map<String, List<String>> received) {
    sent.forEach(
        (name, value) -> {
          if (name.equalsIgnoreCase("Content-Length")) {
            assertThat(received.get("Content-Length")).as("Content-Length").containsExactly(value);
          } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            assertThat(received)
                .as("Content-Length of a chunked body")
                .doesNotContainKey("Content-Length");
            assertThat(received.get("Transfer-Encoding"))
                .as("Transfer-Encoding")
                .containsExactly(value);
          } else {
            assertThat(received).as("header names received").containsKey(name);
            assertThat(received.get(name)).as("header %s", name).containsExactly(value.strip());
          }
        });
  }
}
