package com.dberi.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.dberi.webhooks.Event;
import com.dberi.webhooks.testing.SignedDelivery;
import com.dberi.webhooks.testing.WebhookSigner;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A filter created with the no-argument constructor and configured from init parameters. */
class WebXmlInitTest {

  private static final String SECRET = HandlingModeTest.SECRET;
  private static final String PROPERTY = "dberi.test.webhook.secret";
  private static final String JSON =
      "{\"id\":\"evt_w_1\",\"type\":\"payment.expired\",\"data\":{\"payment_id\":\"pay_w_1\"}}";

  private final Http http = new Http();
  private final WebhookSigner signer = WebhookSigner.withSecret(SECRET);
  private TestServer server;

  @BeforeEach
  void setSecretProperty() {
    System.setProperty(PROPERTY, SECRET);
    TestProcessorFactory.handlers = new RecordingHandlers();
  }

  @AfterEach
  void clearSecretProperty() throws Exception {
    System.clearProperty(PROPERTY);
    if (server != null) {
      server.close();
    }
  }

  private static FilterHolder holder(Map<String, String> parameters) {
    FilterHolder holder = new FilterHolder(DberiWebhookFilter.class);
    holder.setInitParameters(parameters);
    return holder;
  }

  private static ServletException initFailure(Map<String, String> parameters) {
    return catchThrowableOfType(
        ServletException.class,
        () -> new DberiWebhookFilter().init(new FakeFilterConfig(parameters)));
  }

  private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
    return http.post(server.uri(path), delivery.headers(), delivery.body());
  }

  @Test
  void secretPropertyGivesVerifyOnly() throws Exception {
    server = TestServer.start(holder(Map.of("secret-property", PROPERTY)));

    HttpResponse<String> response =
        post(DberiWebhookFilter.DEFAULT_PATH, signer.sign(JSON, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("app POST " + DberiWebhookFilter.DEFAULT_PATH);
    assertThat(server.applicationRequests()).isEqualTo(1);
  }

  @Test
  void verifyOnlyRejectsWrongSecret() throws Exception {
    server = TestServer.start(holder(Map.of("secret-property", PROPERTY)));
    SignedDelivery delivery = WebhookSigner.withSecret("dbr_whsec_other").sign(JSON, Instant.now());

    HttpResponse<String> response = post(DberiWebhookFilter.DEFAULT_PATH, delivery);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.applicationRequests()).isZero();
  }

  @Test
  void processorFactoryGivesHandling() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("secret-property", PROPERTY);
    parameters.put("processor-factory", TestProcessorFactory.class.getName());
    parameters.put("path", "/hooks/dberi");
    parameters.put("max-body-bytes", "4096");
    parameters.put("tolerance", "PT2M");
    server = TestServer.start(holder(parameters));

    HttpResponse<String> response = post("/hooks/dberi", signer.sign(JSON, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("processed");
    assertThat(server.applicationRequests()).isZero();
    Event event = TestProcessorFactory.handlers.dispatched().get(0);
    assertThat(event.id()).contains("evt_w_1");
  }

  @Test
  void toleranceParameterApplied() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("secret-property", PROPERTY);
    parameters.put("tolerance", "60");
    server = TestServer.start(holder(parameters));

    HttpResponse<String> response =
        post(DberiWebhookFilter.DEFAULT_PATH, signer.sign(JSON, Instant.now().minusSeconds(120)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("more than the tolerance of 60.000 s");
  }

  @Test
  void maxBodyBytesParameterApplied() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("secret-property", PROPERTY);
    parameters.put("max-body-bytes", "16");
    server = TestServer.start(holder(parameters));

    HttpResponse<String> response =
        post(DberiWebhookFilter.DEFAULT_PATH, signer.sign(JSON, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void secretEnvReadsVariable() throws Exception {
    FilterSettings settings =
        new InitParameters(
                new FakeFilterConfig(Map.of("secret-env", "DBERI_WEBHOOK_SECRET")),
                name -> name.equals("DBERI_WEBHOOK_SECRET") ? SECRET + "\n" : null)
            .parse();

    SignedDelivery delivery = signer.sign(JSON, Instant.now());
    Event event =
        settings
            .verifier()
            .verifyAndParse(
                delivery.body(), delivery.signatureHeader(), delivery.timestampHeader());

    assertThat(event.id()).contains("evt_w_1");
    assertThat(settings.handling()).isFalse();
  }

  @Test
  void toleranceIsoAndSecondsParsed() throws Exception {
    FilterSettings iso =
        new InitParameters(
                new FakeFilterConfig(Map.of("secret-property", PROPERTY, "tolerance", "PT2M")),
                n -> null)
            .parse();
    FilterSettings seconds =
        new InitParameters(
                new FakeFilterConfig(Map.of("secret-property", PROPERTY, "tolerance", "90")),
                n -> null)
            .parse();

    assertThat(iso.verifier().tolerance()).isEqualTo(Duration.ofMinutes(2));
    assertThat(seconds.verifier().tolerance()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badToleranceFailsInit() {
    ServletException e =
        initFailure(Map.of("secret-property", PROPERTY, "tolerance", "five minutes"));

    assertThat(e)
        .hasMessage(
            "Invalid init parameter tolerance: 'five minutes' is neither an ISO-8601 duration such"
                + " as PT5M nor a whole number of seconds");
  }

  @Test
  void excessiveToleranceFailsInit() {
    ServletException e = initFailure(Map.of("secret-property", PROPERTY, "tolerance", "PT2H"));

    assertThat(e).hasMessageStartingWith("Invalid init parameter tolerance: ");
  }

  @Test
  void missingSecretFailsInit() {
    ServletException e = initFailure(Map.of());

    assertThat(e)
        .hasMessage(
            "Missing init parameter secret-env or secret-property: set secret-env to the name of an"
                + " environment variable (or secret-property to the name of a system property) that"
                + " holds the Dberi webhook signing secret. Never put the secret itself in"
                + " web.xml");
  }

  @Test
  void unsetVariableFailsInit() {
    ServletException e = initFailure(Map.of("secret-env", "DBERI_TEST_VARIABLE_THAT_IS_NOT_SET"));

    assertThat(e)
        .hasMessage(
            "The environment variable DBERI_TEST_VARIABLE_THAT_IS_NOT_SET (from init parameter"
                + " secret-env) is not set; set it to the endpoint's signing secret from the Dberi"
                + " dashboard, or fix the name");
  }

  @Test
  void blankPropertyFailsInit() {
    System.setProperty(PROPERTY, "  ");

    ServletException e = initFailure(Map.of("secret-property", PROPERTY));

    assertThat(e)
        .hasMessage(
            "The system property dberi.test.webhook.secret (from init parameter secret-property) is"
                + " blank; set it to the endpoint's signing secret from the Dberi dashboard, or fix"
                + " the name");
  }

  @Test
  void bothSecretSourcesFailInit() {
    ServletException e =
        initFailure(Map.of("secret-property", PROPERTY, "secret-env", "DBERI_SECRET"));

    assertThat(e)
        .hasMessage(
            "Init parameters secret-env and secret-property are both set; set only one of them, so"
                + " that it is clear where the secret comes from");
  }

  @Test
  void badMaxBodyBytesFailsInit() {
    ServletException e = initFailure(Map.of("secret-property", PROPERTY, "max-body-bytes", "1MB"));

    assertThat(e)
        .hasMessage(
            "Invalid init parameter max-body-bytes: '1MB' is not a whole number of bytes; use for"
                + " example 1048576");
  }

  @Test
  void badPathFailsInit() {
    ServletException e = initFailure(Map.of("secret-property", PROPERTY, "path", "/webhooks/*"));

    assertThat(e).hasMessageStartingWith("Invalid init parameter path: path must be an exact path");
  }

  @Test
  void unknownFactoryFailsInit() {
    ServletException e =
        initFailure(
            Map.of("secret-property", PROPERTY, "processor-factory", "com.example.MissingFactory"));

    assertThat(e)
        .hasMessage(
            "Invalid init parameter processor-factory: class com.example.MissingFactory was not"
                + " found in the web application; check the fully qualified name");
  }

  @Test
  void wrongFactoryTypeFailsInit() {
    ServletException e =
        initFailure(Map.of("secret-property", PROPERTY, "processor-factory", "java.lang.String"));

    assertThat(e)
        .hasMessage(
            "Invalid init parameter processor-factory: class java.lang.String does not implement"
                + " com.dberi.webhooks.servlet.WebhookProcessorFactory");
  }

  @Test
  void builtFilterIgnoresInitParameters() throws Exception {
    DberiWebhookFilter filter =
        DberiWebhookFilter.verifyOnlyBuilder(
                com.dberi.webhooks.WebhookVerifier.builder().secret(SECRET).build())
            .build();

    filter.init(new FakeFilterConfig(Map.of("tolerance", "not a duration")));

    assertThat(filter.toString())
        .isEqualTo(
            "DberiWebhookFilter{mode=verify-only, path=/webhooks/dberi, maxBodyBytes=1048576}");
  }
}
