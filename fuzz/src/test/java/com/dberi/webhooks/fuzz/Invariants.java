package com.dberi.webhooks.fuzz;

import com.dberi.webhooks.WebhookVerificationException;
import com.dberi.webhooks.WebhookVerificationException.Reason;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The contract every fuzz test checks: a call either returns or throws a {@link
 * WebhookVerificationException} with an expected reason, a 400 or 401 status and a message that
 * contains neither the secret nor the expected signature, unless the input itself carried them and
 * the message echoes it. Any other exception is a finding.
 */
final class Invariants {

  private Invariants() {}

  /**
   * Runs {@code call} and returns its result, or {@code null} when it rejected the input with one of
   * {@code allowed}.
   *
   * @param input the fuzzed input as text; a secret that it contains may appear in the message
   * @param secrets values that a message must not contain: the secret and the expected signature
   * @throws AssertionError if the call threw another exception, or a rejection breaks the contract
   */
  static <T> T resultOrRejection(
      Supplier<T> call, Set<Reason> allowed, String input, String... secrets) {
    try {
      return call.get();
    } catch (WebhookVerificationException e) {
      checkRejection(e, allowed, input, secrets);
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Expected WebhookVerificationException or a result, but the call threw "
              + e.getClass().getName(),
          e);
    }
  }

  /** Runs a call that returns nothing; see {@link #resultOrRejection}. */
  static boolean passedOrRejected(
      Runnable call, Set<Reason> allowed, String input, String... secrets) {
    Boolean passed =
        resultOrRejection(
            () -> {
              call.run();
              return Boolean.TRUE;
            },
            allowed,
            input,
            secrets);
    return passed != null;
  }

  private static void checkRejection(
      WebhookVerificationException e, Set<Reason> allowed, String input, String... secrets) {
    Reason reason = e.reason();
    if (reason == null) {
      throw new AssertionError("Rejection without a reason", e);
    }
    if (!allowed.contains(reason)) {
      throw new AssertionError("Rejection reason " + reason + " is not one of " + allowed, e);
    }
    int status = e.httpStatus();
    if (status != 400 && status != 401) {
      throw new AssertionError("Rejection status " + status + " is neither 400 nor 401", e);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      throw new AssertionError("Rejection " + reason + " without a message", e);
    }
    String lowerCaseMessage = message.toLowerCase(Locale.ROOT);
    String lowerCaseInput = input.toLowerCase(Locale.ROOT);
    for (String secret : secrets) {
      String lowerCaseSecret = secret.toLowerCase(Locale.ROOT);
      if (lowerCaseMessage.contains(lowerCaseSecret) && !lowerCaseInput.contains(lowerCaseSecret)) {
        throw new AssertionError("Rejection message of " + reason + " reveals a secret or signature");
      }
    }
  }
}
