package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reads bodies up to the limit and stops reading one byte after it. */
class BodyReaderTest {

  /** An endless stream that counts the bytes it handed out. */
  private static final class EndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 'a';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 'a');
      served += length;
      return length;
    }
  }

  /** A stream that returns one byte per read call, as a slow network might. */
  private static final class TrickleStream extends InputStream {
    private final byte[] bytes;
    private int position;

    TrickleStream(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= bytes.length) {
        return -1;
      }
      buffer[offset] = bytes[position++];
      return 1;
    }
  }

  @Test
  void endlessChunkedStopsAfterLimit() throws Exception {
    EndlessStream in = new EndlessStream();

    byte[] body = BodyReader.read(in, -1, 100_000);

    assertThat(body).isNull();
    assertThat(in.served).isEqualTo(100_001);
  }

  @Test
  void understatedLengthStopsAfterLimit() throws Exception {
    EndlessStream in = new EndlessStream();

    byte[] body = BodyReader.read(in, 10, 5_000);

    assertThat(body).isNull();
    assertThat(in.served).isEqualTo(5_001);
  }

  @Test
  void bodyAtLimitReturned() throws Exception {
    byte[] bytes = new byte[20_000];
    Arrays.fill(bytes, (byte) 0xF0);

    byte[] body = BodyReader.read(new ByteArrayInputStream(bytes), -1, bytes.length);

    assertThat(body).isEqualTo(bytes);
  }

  @Test
  void bodyOneOverLimitRejected() throws Exception {
    byte[] bytes = new byte[20_001];

    assertThat(BodyReader.read(new ByteArrayInputStream(bytes), -1, 20_000)).isNull();
  }

  @Test
  void trickledBodyReturnedWhole() throws Exception {
    byte[] bytes = "{\"a\":\"é🎉\"}\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    byte[] body = BodyReader.read(new TrickleStream(bytes), bytes.length, 1024);

    assertThat(body).isEqualTo(bytes);
  }

  @Test
  void emptyBodyReturnedEmpty() throws Exception {
    byte[] body = BodyReader.read(new ByteArrayInputStream(new byte[0]), 0, 1024);

    assertThat(body).isEmpty();
  }

  @Test
  void limitOfOneByteEnforced() throws Exception {
    assertThat(BodyReader.read(new ByteArrayInputStream(new byte[] {1}), -1, 1)).containsExactly(1);
    assertThat(BodyReader.read(new ByteArrayInputStream(new byte[] {1, 2}), -1, 1)).isNull();
  }
}
