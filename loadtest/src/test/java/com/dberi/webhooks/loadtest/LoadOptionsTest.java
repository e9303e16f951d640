package com.dberi.webhooks.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  private static LoadOptions parse(String... args) {
    return LoadOptions.parse(args, Map.of());
  }

  @Test
  void defaultsApplied() {
    LoadOptions options = LoadOptions.parse(new String[0], Map.of("DBERI_WEBHOOK_SECRET", "whsec_env"));

    assertThat(options.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(options.secret()).isEqualTo("whsec_env");
    assertThat(options.concurrency()).isEqualTo(8);
    assertThat(options.roundDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.maxRequests()).isEqualTo(100_000);
    assertThat(options.rounds()).isEqualTo(4);
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.webhookUri()).isEqualTo(URI.create("http://127.0.0.1:8080/webhooks/dberi"));
    assertThat(options.noopUri()).isEqualTo(URI.create("http://127.0.0.1:8080/loadtest/noop"));
  }

  @Test
  void ipv6LoopbackAccepted() {
    LoadOptions options = parse("--url", "http://[::1]:9000", "--secret", "s");

    assertThat(options.noopUri()).isEqualTo(URI.create("http://[::1]:9000/loadtest/noop"));
  }

  @Test
  void nonLoopbackUrlRejected() {
    assertThatThrownBy(() -> parse("--url", "http://192.0.2.1:8080", "--secret", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--url host 192.0.2.1 is not a loopback address; this load test only sends to"
                + " 127.0.0.1, ::1 or localhost");
  }

  @Test
  void httpsUrlRejected() {
    assertThatThrownBy(() -> parse("--url", "https://127.0.0.1:8443", "--secret", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--url must be an http:// URL with a host, such as http://127.0.0.1:8080, was"
                + " 'https://127.0.0.1:8443'");
  }

  @Test
  void missingSecretRejected() {
    assertThatThrownBy(() -> parse("--url", "http://127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No signing secret: pass --secret or set DBERI_WEBHOOK_SECRET to the shop's secret");
  }

  @Test
  void zeroConcurrencyRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--concurrency", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--concurrency must be from 1 to 1024, was 0");
  }

  @Test
  void nonNumericSecondsRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--seconds", "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--seconds must be a whole number from 1 to 600, was 'ten'");
  }

  @Test
  void unknownOptionRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--threads", "4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option --threads; run with --help for the options");
  }

  @Test
  void optionWithoutValueRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--rounds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Option --rounds is unknown or has no value; run with --help for the options");
  }

  @Test
  void toStringOmitsSecret() {
    assertThat(parse("--secret", "whsec_hidden").toString()).doesNotContain("whsec_hidden");
  }
}
