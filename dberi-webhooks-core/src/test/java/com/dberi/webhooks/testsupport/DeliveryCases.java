package com.dberi.webhooks.testsupport;

import com.dberi.webhooks.testsupport.DeliveryCase.Expected;
import com.dberi.webhooks.testsupport.DeliveryCase.GroupExpected;
import com.dberi.webhooks.testsupport.DeliveryCase.Step;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads the recorded hostile and awkward deliveries from the test resources. */
public final class DeliveryCases {

  private static final String RESOURCE = "/com/dberi/webhooks/cases/deliveries.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile List<DeliveryCase> cached;

  private DeliveryCases() {}

  /** Returns every case, in file order. */
  public static List<DeliveryCase> all() {
    List<DeliveryCase> cases = cached;
    if (cases == null) {
      cases = load();
      cached = cases;
    }
    return cases;
  }

  /** Returns the cases that send one request. */
  public static List<DeliveryCase> singleRequest() {
    return all().stream().filter(c -> !c.isMultiRequest()).toList();
  }

  /** Returns the cases that send several requests. */
  public static List<DeliveryCase> multiRequest() {
    return all().stream().filter(DeliveryCase::isMultiRequest).toList();
  }

  /** Returns the case with the given id. */
  public static DeliveryCase byId(String id) {
    return all().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No delivery case " + id));
  }

  private static List<DeliveryCase> load() {
    try (InputStream in = DeliveryCases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Test resource " + RESOURCE + " is missing");
      }
      List<DeliveryCase> cases = new ArrayList<>();
      for (JsonNode node : MAPPER.readTree(in)) {
        cases.add(parse(node));
      }
      return List.copyOf(cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeliveryCase parse(JsonNode node) {
    String secret = node.get("secret").asText();
    List<String> receiverSecrets = new ArrayList<>();
    JsonNode config = node.path("config");
    if (config.has("secrets")) {
      config.get("secrets").forEach(s -> receiverSecrets.add(s.asText()));
    } else {
      receiverSecrets.add(secret);
    }
    Optional<Integer> maxBody =
        config.has("max_body_bytes")
            ? Optional.of(config.get("max_body_bytes").asInt())
            : Optional.empty();

    List<Step> steps = new ArrayList<>();
    for (JsonNode step : node.path("steps")) {
      steps.add(
          new Step(
              step.get("step").asInt(),
              text(step, "parallel_group"),
              step.get("now_ms").asLong(),
              headers(step.get("headers")),
              step.has("expected") ? Optional.of(expected(step.get("expected"))) : Optional.empty()));
    }
    Map<String, GroupExpected> groups = new LinkedHashMap<>();
    node.path("group_expected")
        .fields()
        .forEachRemaining(
            entry -> {
              List<Integer> statuses = new ArrayList<>();
              entry.getValue().get("statuses").forEach(s -> statuses.add(s.asInt()));
              groups.put(
                  entry.getKey(),
                  new GroupExpected(
                      List.copyOf(statuses), entry.getValue().get("dispatch_count").asInt()));
            });

    return new DeliveryCase(
        node.get("id").asText(),
        node.get("kind").asText(),
        node.get("summary").asText(),
        secret,
        List.copyOf(receiverSecrets),
        headers(node.get("headers")),
        body(node),
        node.get("now_ms").asLong(),
        maxBody,
        expected(node.get("expected")),
        List.copyOf(steps),
        groups,
        text(node, "handler"));
  }

  private static byte[] body(JsonNode node) {
    if (node.has("body_base64")) {
      return Base64.getDecoder().decode(node.get("body_base64").asText());
    }
    String body = node.get("body").asText();
    JsonNode expand = node.get("body_expand");
    if (expand == null) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    String padding = expand.get("char").asText().repeat(expand.get("count").asInt());
    byte[] bytes =
        body.replace(expand.get("placeholder").asText(), padding).getBytes(StandardCharsets.UTF_8);
    String expectedHash = expand.get("sha256_of_body").asText();
    if (!sha256Hex(bytes).equals(expectedHash)) {
      throw new IllegalStateException(
          "Expanded body of case " + node.get("id").asText() + " does not match its sha256_of_body");
    }
    return bytes;
  }

  private static Map<String, String> headers(JsonNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    return java.util.Collections.unmodifiableMap(headers);
  }

  private static Expected expected(JsonNode node) {
    return new Expected(
        node.get("status").asInt(),
        text(node, "event_type"),
        text(node, "event_id"),
        Optional.ofNullable(node.get("fields")),
        node.has("dispatch_count")
            ? Optional.of(node.get("dispatch_count").asInt())
            : Optional.empty(),
        node.has("handler_invocations")
            ? Optional.of(node.get("handler_invocations").asInt())
            : Optional.empty());
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
