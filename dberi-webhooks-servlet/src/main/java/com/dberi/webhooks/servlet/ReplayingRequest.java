package com.dberi.webhooks.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;

/**
 * A request whose body is the verified bytes, which the filter already read from the original
 * request. Every call to {@link #getInputStream()} or {@link #getReader()} starts again at the
 * first byte, so several downstream components can read the body.
 */
final class ReplayingRequest extends HttpServletRequestWrapper {

  private final byte[] body;

  ReplayingRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new ReplayInputStream(body);
  }

  @Override
  public BufferedReader getReader() throws IOException {
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  private Charset charset() throws UnsupportedEncodingException {
    String name = getCharacterEncoding();
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnsupportedEncodingException(
          "Request charset '"
              + name
              + "' is not supported by this JVM; read getInputStream() instead");
    }
  }

  /** A servlet input stream over a byte array in memory, so reads never block. */
  private static final class ReplayInputStream extends ServletInputStream {

    private final ByteArrayInputStream in;

    ReplayInputStream(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return in.read(buffer, offset, length);
    }

    @Override
    public int available() {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      Objects.requireNonNull(listener, "listener");
      try {
        if (!isFinished()) {
          listener.onDataAvailable();
        }
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
