package com.dberi.webhooks.spring.test;

import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.EventType;
import com.dberi.webhooks.spring.DberiWebhooksProperties;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.client.RestClient;

/**
 * Builds signed Dberi deliveries for tests of a Spring application's webhook endpoint: as a MockMvc
 * request, a {@link RestClient} request or a {@link java.net.http.HttpClient} request.
 *
 * <pre>{@code
 * DberiWebhookRequests dberi = DberiWebhookRequests.withSecret("whsec_test");
 * mockMvc.perform(dberi.mockMvc(new PaymentExpired("pay_1"))).andExpect(status().isOk());
 *
 * HttpResponse<String> response = HttpClient.newHttpClient()
 *     .send(dberi.httpRequest(URI.create("http://127.0.0.1:" + port), json), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>A delivery built from event data gets a fresh event id, so that two calls are two events; pass
 * the same JSON twice to send a duplicate. The timestamp is the clock's current time when the
 * request is built. The MockMvc methods need {@code spring-test} on the class path and the
 * RestClient method {@code spring-web}, as test dependencies usually provide.
 *
 * <p>Immutable and thread-safe; each {@code with...} method returns a new instance. The secret is
 * never exposed by {@link #toString()}.
 */
public final class DberiWebhookRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSigner signer;
  private final String path;
  private final Clock clock;

  private DberiWebhookRequests(WebhookSigner signer, String path, Clock clock) {
    this.signer = signer;
    this.path = path;
    this.clock = clock;
  }

  /**
   * Returns a builder that signs with {@code secret}, for the default path {@value
   * DberiWebhooksProperties#DEFAULT_PATH}.
   *
   * @throws IllegalArgumentException if the secret is blank
   */
  public static DberiWebhookRequests withSecret(String secret) {
    return new DberiWebhookRequests(
        WebhookSigner.withSecret(secret), DberiWebhooksProperties.DEFAULT_PATH, Clock.systemUTC());
  }

  /**
   * Returns a copy that sends to {@code path}, the value of {@code dberi.webhooks.path}.
   *
   * @throws IllegalArgumentException if the path does not start with '/'
   */
  public DberiWebhookRequests withPath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
    }
    return new DberiWebhookRequests(signer, path, clock);
  }

  /** Returns a copy that timestamps deliveries with {@code clock}, for example to test staleness. */
  public DberiWebhookRequests withClock(Clock clock) {
    return new DberiWebhookRequests(signer, path, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Returns the JSON of an event carrying {@code data}, with the given id, the type that the data
   * belongs to and the current time as {@code created}.
   *
   * @throws IllegalArgumentException if {@code data} belongs to no documented event type, such as
   *     {@code UnknownEventData}; write the JSON yourself for such types
   */
  public String eventJson(String id, EventData data) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    EventType type =
        EventType.fromDataType(data.getClass())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        data.getClass().getSimpleName()
                            + " belongs to no documented event type; pass the event JSON instead"));
    ObjectNode event = JSON.createObjectNode();
    event.put("id", id);
    event.put("type", type.wireName());
    event.put("created", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    event.set("data", dataNode(data));
    return event.toString();
  }

  private static ObjectNode dataNode(EventData data) {
    ObjectNode node = JSON.createObjectNode();
    for (RecordComponent component : data.getClass().getRecordComponents()) {
      Object value = valueOf(component, data);
      if (value == null) {
        continue;
      }
      String name = snakeCase(component.getName());
      if (value instanceof Map<?, ?> map) {
        ObjectNode object = node.putObject(name);
        map.forEach((key, entry) -> object.put(String.valueOf(key), String.valueOf(entry)));
      } else if (value instanceof Number number) {
        node.put(name, number.longValue());
      } else {
        node.put(name, value.toString());
      }
    }
    return node;
  }

  private static Object valueOf(RecordComponent component, EventData data) {
    try {
      return component.getAccessor().invoke(data);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Failed to read component " + component.getName() + " of " + data.getClass().getName(), e);
    }
  }

  private static String snakeCase(String camelCase) {
    StringBuilder name = new StringBuilder(camelCase.length() + 4);
    for (char c : camelCase.toCharArray()) {
      if (Character.isUpperCase(c)) {
        name.append('_').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  /** Signs {@code json} with the current time of this builder's clock. */
  public SignedDelivery sign(String json) {
    Objects.requireNonNull(json, "json");
    return signer.sign(json, clock.instant());
  }

  /** Signs a new event carrying {@code data}, with a fresh id {@code evt_test_...}. */
  public SignedDelivery sign(EventData data) {
    return sign(eventJson("evt_test_" + UUID.randomUUID(), data));
  }

  /**
   * Returns a signed MockMvc POST of {@code json} to the webhook path, for {@code
   * mockMvc.perform(...)}. To add more to the request, such as a principal, build it yourself from
   * {@link #sign(String)}.
   */
  public RequestBuilder mockMvc(String json) {
    return mockMvc(sign(json));
  }

  /** Returns a signed MockMvc POST of a new event carrying {@code data} to the webhook path. */
  public RequestBuilder mockMvc(EventData data) {
    return mockMvc(sign(data));
  }

  // NOTE: this builds a MockHttpServletRequest directly because the fluent methods of
  // MockHttpServletRequestBuilder changed their return type in Spring Framework 7, so code compiled
  // against Spring 6 that calls them fails there with NoSuchMethodError.
  private RequestBuilder mockMvc(SignedDelivery delivery) {
    String target = path;
    return servletContext -> {
      MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "POST", target);
      request.setContentType(MediaType.APPLICATION_JSON_VALUE);
      request.addHeader(WebhookVerifier.SIGNATURE_HEADER, delivery.signatureHeader());
      request.addHeader(WebhookVerifier.TIMESTAMP_HEADER, delivery.timestampHeader());
      request.setContent(delivery.body());
      return request;
    };
  }

  /**
   * Returns a signed POST of {@code json} to the webhook path under {@code baseUri}, such as {@code
   * http://127.0.0.1:8080}, for {@link java.net.http.HttpClient}.
   */
  public HttpRequest httpRequest(URI baseUri, String json) {
    return httpRequest(baseUri, sign(json));
  }

  /** Returns a signed POST of a new event carrying {@code data}, for {@link java.net.http.HttpClient}. */
  public HttpRequest httpRequest(URI baseUri, EventData data) {
    return httpRequest(baseUri, sign(data));
  }

  private HttpRequest httpRequest(URI baseUri, SignedDelivery delivery) {
    Objects.requireNonNull(baseUri, "baseUri");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUri.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::header);
    return request.build();
  }

  /**
   * Returns a signed POST of {@code json} to the webhook path, relative to {@code client}'s base
   * URL; call {@code retrieve()} or {@code exchange(...)} on it.
   */
  public RestClient.RequestBodySpec restClient(RestClient client, String json) {
    return restClient(client, sign(json));
  }

  /** Returns a signed {@link RestClient} POST of a new event carrying {@code data}. */
  public RestClient.RequestBodySpec restClient(RestClient client, EventData data) {
    return restClient(client, sign(data));
  }

  private RestClient.RequestBodySpec restClient(RestClient client, SignedDelivery delivery) {
    Objects.requireNonNull(client, "client");
    RestClient.RequestBodySpec request =
        client
            .post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .header(WebhookVerifier.SIGNATURE_HEADER, delivery.signatureHeader())
            .header(WebhookVerifier.TIMESTAMP_HEADER, delivery.timestampHeader());
    request.body(delivery.body());
    return request;
  }

  /** Returns the path only; never the secret. */
  @Override
  public String toString() {
    return "DberiWebhookRequests{path=" + path + ", secret=(hidden)}";
  }
}
