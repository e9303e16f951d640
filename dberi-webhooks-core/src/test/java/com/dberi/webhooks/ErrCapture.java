package com.dberi.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to {@code System.err} until closed, where slf4j-simple writes every log
 * line by default. The captured text is also passed through to the original stream.
 */
final class ErrCapture implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  ErrCapture() {
    System.setErr(new PrintStream(new TeeStream(), true, StandardCharsets.UTF_8));
  }

  String text() {
    System.err.flush();
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }

  private final class TeeStream extends java.io.OutputStream {
    @Override
    public void write(int b) {
      synchronized (captured) {
        captured.write(b);
      }
      original.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      synchronized (captured) {
        captured.write(bytes, offset, length);
      }
      original.write(bytes, offset, length);
    }
  }
}
