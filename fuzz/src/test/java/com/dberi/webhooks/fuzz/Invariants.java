package com.dberi.webhooks.fuzz;

import com.dberi.webhooks.WebhookVerificationException;
import com.dberi.webhooks.WebhookVerificationException.Reason;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The contract every fuzz test checks: a call either returns or throws a {@link
 * WebhookVerificationException} with an expected reason, a 400 or 401 status and a message that
 * contains neither the secret nor the expected signature. Any other exception is a finding.
 */
final class Invariants {

  private Invariants() {}

  /**
   * Runs {@code call} and returns its result, or {@code null} when it rejected the input with one of
   * {@code allowed}.
   *
   * @throws AssertionError if the call threw another exception, or a rejection breaks the contract
   */
  static <T> T resultOrRejection(Supplier<T> call, Set<Reason> allowed, String... secrets) {
    try {
      return call.get();
    } catch (WebhookVerificationException e) {
      checkRejection(e, allowed, secrets);
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Expected WebhookVerificationException or a result, but the call threw "
              + e.getClass().getName(),
          e);
    }
  }

  /** Runs a call that returns nothing; see {@link #resultOrRejection}. */
  static boolean passedOrRejected(Runnable call, Set<Reason> allowed, String... secrets) {
    Boolean passed =
        resultOrRejection(
            () -> {
              call.run();
              return Boolean.TRUE;
            },
            allowed,
            secrets);
    return passed != null;
  }

  private static void checkRejection(
      WebhookVerificationException e, Set<Reason> allowed, String... secrets) {
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
    String lowerCase = message.toLowerCase(Locale.ROOT);
    for (String secret : secrets) {
      if (lowerCase.contains(secret.toLowerCase(Locale.ROOT))) {
        throw new AssertionError("Rejection message of " + reason + " reveals a secret or signature");
      }
    }
  }
}
