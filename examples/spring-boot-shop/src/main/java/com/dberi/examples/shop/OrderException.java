package com.dberi.examples.shop;

import org.springframework.http.HttpStatus;

/** A request about an order that cannot be served, with the HTTP status of the error response. */
public final class OrderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  OrderException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  /** Returns the HTTP status of the error response. */
  public HttpStatus status() {
    return status;
  }
}
