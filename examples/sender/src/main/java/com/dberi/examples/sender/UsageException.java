package com.dberi.examples.sender;

/** A command line that cannot be run: an unknown option, a missing value or an invalid value. */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
