package com.dberi.webhooks.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request body into memory, stopping as soon as it passes a size limit. */
final class BodyReader {

  private static final int INITIAL_CAPACITY = 8192;

  private BodyReader() {}

  /**
   * Reads {@code in} to its end.
   *
   * @param declaredLength the declared Content-Length, or -1 when unknown (chunked)
   * @param maxBytes the largest body accepted
   * @return the body, or {@code null} when it is longer than {@code maxBytes}; then at most {@code
   *     maxBytes + 1} bytes were read and the rest of the stream is left unread
   */
  static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
    long limit = maxBytes + 1;
    int capacity =
        (int) Math.min(declaredLength >= 0 ? declaredLength + 1 : INITIAL_CAPACITY, Math.min(limit, Integer.MAX_VALUE - 8));
    byte[] buffer = new byte[Math.max(capacity, 1)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length >= limit) {
          return null;
        }
        long grown = Math.min(Math.max((long) buffer.length * 2, INITIAL_CAPACITY), limit);
        buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
      if (length > maxBytes) {
        return null;
      }
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }
}
