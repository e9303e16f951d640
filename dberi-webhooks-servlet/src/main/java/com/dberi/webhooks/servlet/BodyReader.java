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
   * @param maxBytes the largest body accepted, at most {@code Integer.MAX_VALUE - 9}
   * @return the body, or {@code null} when it is longer than {@code maxBytes}. Then at most {@code
   *     maxBytes + 1} bytes were read, and the rest of the stream is left unread.
   */
  static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
    // One byte over the limit is enough to tell that the body is too long.
    int limit = (int) (maxBytes + 1);
    int capacity =
        declaredLength >= 0 ? (int) Math.min(declaredLength + 1, limit) : INITIAL_CAPACITY;
    byte[] buffer = new byte[Math.min(capacity, limit)];
    int length = 0;

    while (true) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
      }
      length += read;
      if (length > maxBytes) {
        return null;
      }
    }
  }
}
