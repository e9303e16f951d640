package com.dberi.webhooks.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recorded delivery from {@code cases/deliveries.json}: a body and headers modelled on a real
 * fault that webhook receivers have hit, with the outcome the SDK must produce.
 *
 * @param id the case id, such as {@code R04}
 * @param kind the family of faults the case belongs to
 * @param summary what the case sends
 * @param secret the secret Dberi signed with
 * @param receiverSecrets the secrets the receiver is configured with
 * @param headers the request headers exactly as sent, in their original case and order
 * @param body the exact body bytes
 * @param nowMillis the receiver's clock
 * @param maxBodyBytes the receiver's body limit, or empty for the default
 * @param expected the expected outcome of a single-request case (for multi-request cases, of the
 *     final state)
 * @param steps the requests of a multi-request case, empty for single-request cases
 * @param groupExpected the expected outcome per parallel group of a multi-request case
 * @param handler how the handler behaves in a multi-request case, or empty
 */
public record DeliveryCase(
    String id,
    String kind,
    String summary,
    String secret,
    List<String> receiverSecrets,
    Map<String, String> headers,
    byte[] body,
    long nowMillis,
    Optional<Integer> maxBodyBytes,
    Expected expected,
    List<Step> steps,
    Map<String, GroupExpected> groupExpected,
    Optional<String> handler) {

  /** Returns true when the case sends several requests. */
  public boolean isMultiRequest() {
    return !steps.isEmpty();
  }

  /** Returns the value of a header, matching the name case-insensitively, or null. */
  public String header(String name) {
    return header(headers, name);
  }

  static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return id + " (" + summary + ")";
  }

  /**
   * The expected outcome.
   *
   * @param status the HTTP status
   * @param eventType the type the handler must see, or empty
   * @param eventId the event id the handler must see, or empty
   * @param fields the data fields the handler must see, as JSON, or empty
   * @param dispatchCount how often the typed handler must have run successfully, or empty
   * @param handlerInvocations how often the handler must have been called, or empty
   */
  public record Expected(
      int status,
      Optional<String> eventType,
      Optional<String> eventId,
      Optional<JsonNode> fields,
      Optional<Integer> dispatchCount,
      Optional<Integer> handlerInvocations) {}

  /**
   * One request of a multi-request case.
   *
   * @param step the step number
   * @param parallelGroup the group of steps sent at once, or empty for a step sent alone
   * @param nowMillis the receiver's clock for this step
   * @param headers the headers of this step
   * @param expected the expected outcome of this step, or empty when its group has one
   */
  public record Step(
      int step,
      Optional<String> parallelGroup,
      long nowMillis,
      Map<String, String> headers,
      Optional<Expected> expected) {

    /** Returns the value of a header, matching the name case-insensitively, or null. */
    public String header(String name) {
      return DeliveryCase.header(headers, name);
    }
  }

  /**
   * The expected outcome of a parallel group.
   *
   * @param statuses the statuses of the group's requests, in any order
   * @param dispatchCount how often the handler must have run for the whole group
   */
  public record GroupExpected(List<Integer> statuses, int dispatchCount) {}
}
