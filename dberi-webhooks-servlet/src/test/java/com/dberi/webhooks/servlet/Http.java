package com.dberi.webhooks.servlet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Sends test requests to the loopback server over HTTP/1.1. */
final class Http {

  /** Headers that HttpClient sets itself; a test case uses them to choose how the body is sent. */
  private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  /** Posts {@code body} with a Content-Length. */
  HttpResponse<String> post(URI uri, Map<String, String> headers, byte[] body) throws Exception {
    return client.send(request(uri, headers, body, false), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts {@code body} chunked: the publisher has no known length, so no Content-Length is sent.
   */
  HttpResponse<String> postChunked(URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    return client.send(request(uri, headers, body, true), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts asynchronously; chunked when {@code headers} contain Transfer-Encoding: chunked. */
  CompletableFuture<HttpResponse<String>> postAsync(
      URI uri, Map<String, String> headers, byte[] body) {
    return client.sendAsync(
        request(uri, headers, body, isChunked(headers)), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts as {@code headers} describe: chunked for Transfer-Encoding: chunked, else with a length.
   */
  HttpResponse<String> postAsDescribed(URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    return client.send(
        request(uri, headers, body, isChunked(headers)), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder builder(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
  }

  private static HttpRequest request(
      URI uri, Map<String, String> headers, byte[] body, boolean chunked) {
    HttpRequest.Builder builder = builder(uri);
    headers.forEach(
        (name, value) -> {
          if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            builder.header(name, value);
          }
        });
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
    return builder.POST(publisher).build();
  }

  private static boolean isChunked(Map<String, String> headers) {
    return headers.entrySet().stream()
        .anyMatch(
            e ->
                e.getKey().equalsIgnoreCase("Transfer-Encoding")
                    && e.getValue().toLowerCase(Locale.ROOT).contains("chunked"));
  }

  /**
   * Writes a request over a plain socket with a declared Content-Length, then only {@code body}
   * (which may be shorter), and returns the status line and body of the response.
   */
  static RawResponse rawPost(
      int port, String path, Map<String, String> headers, long contentLength, byte[] body)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      StringBuilder head = new StringBuilder();
      head.append("POST ").append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return RawResponse.read(socket.getInputStream());
    }
  }

  /** A response read from a socket until the server closed the connection. */
  record RawResponse(int status, String head, String body) {

    static RawResponse read(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new IOException("Incomplete response: '" + text + "'");
      }
      String head = text.substring(0, end);
      int status = Integer.parseInt(head.substring(9, 12));
      String body =
          new String(all.toByteArray(), end + 4, all.size() - end - 4, StandardCharsets.UTF_8);
      return new RawResponse(status, head, body);
    }
  }
}
