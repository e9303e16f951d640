package com.dberi.examples.sender;

import java.util.Optional;

/**
 * The response to one delivery: the HTTP status and body, or the reason the request failed.
 *
 * @param status the HTTP status, or 0 when no response arrived
 * @param body the response body, empty when none arrived
 * @param error why no response arrived, or {@code null} when one did
 */
public record DeliveryResponse(int status, String body, String error) {

  /** Returns true for a 2xx response. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** Returns why no response arrived, or empty when one did. */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }
}
