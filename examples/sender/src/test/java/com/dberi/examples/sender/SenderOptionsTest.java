package com.dberi.examples.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dberi.webhooks.event.EventType;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenderOptionsTest {

  private static final Map<String, String> NO_ENV = Map.of();

  private static SenderOptions parse(String... args) throws UsageException {
    return SenderOptions.parse(List.of(args), NO_ENV);
  }

  @Test
  void defaultsApplied() throws UsageException {
    SenderOptions options = parse("--secret", "s");

    assertThat(options.url()).isEqualTo(SenderOptions.DEFAULT_URL);
    assertThat(options.type()).contains(EventType.PAYMENT_COMPLETED);
    assertThat(options.orderId()).isEqualTo("1234");
    assertThat(options.amount()).isEqualTo(2500);
    assertThat(options.repeat()).isEqualTo(1);
    assertThat(options.concurrency()).isEqualTo(1);
    assertThat(options.tamper()).isFalse();
    assertThat(options.timestampMillis()).isEmpty();
    assertThat(options.eventId()).startsWith("evt_");
    assertThat(options.paymentId()).startsWith("payment-");
  }

  @Test
  void everyOptionParsed() throws UsageException {
    SenderOptions options =
        parse(
            "--url", "http://127.0.0.1:9999/hook",
            "--secret", "s",
            "--type", "refund.completed",
            "--order-id", "o-1",
            "--payment-id", "p-1",
            "--event-id", "e-1",
            "--amount", "700",
            "--timestamp", "1700000000000",
            "--tamper",
            "--repeat", "3",
            "--concurrency", "4");

    assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:9999/hook"));
    assertThat(options.secret()).isEqualTo("s");
    assertThat(options.type()).contains(EventType.REFUND_COMPLETED);
    assertThat(options.orderId()).isEqualTo("o-1");
    assertThat(options.paymentId()).isEqualTo("p-1");
    assertThat(options.eventId()).isEqualTo("e-1");
    assertThat(options.amount()).isEqualTo(700);
    assertThat(options.timestampMillis()).contains(1_700_000_000_000L);
    assertThat(options.tamper()).isTrue();
    assertThat(options.repeat()).isEqualTo(3);
    assertThat(options.concurrency()).isEqualTo(4);
  }

  @Test
  void equalsSignFormAccepted() throws UsageException {
    SenderOptions options = parse("--secret=s", "--repeat=2", "--file=event.json");

    assertThat(options.repeat()).isEqualTo(2);
    assertThat(options.file()).contains(Path.of("event.json"));
    assertThat(options.type()).isEmpty();
  }

  @Test
  void secretFromEnvironment() throws UsageException {
    SenderOptions options =
        SenderOptions.parse(List.of(), Map.of(SenderOptions.SECRET_VARIABLE, "from-env"));

    assertThat(options.secret()).isEqualTo("from-env");
  }

  @Test
  void helpSkipsOtherChecks() throws UsageException {
    assertThat(parse("--bogus", "--help").help()).isTrue();
  }

  @Test
  void secretMissingRejected() {
    assertThatThrownBy(() -> parse("--type", "payout.paid"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Option --secret is missing and DBERI_WEBHOOK_SECRET is not set; pass the endpoint's"
                + " signing secret with --secret");
  }

  @Test
  void unknownOptionRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--colour", "red"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option '--colour'; see --help");
  }

  @Test
  void missingValueRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--url"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --url needs a value; see --help");
  }

  @Test
  void optionAsValueRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--order-id", "--repeat", "2"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --order-id needs a value; see --help");
  }

  @Test
  void positionalArgumentRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "payment.completed"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unexpected argument 'payment.completed'; options start with --, see --help");
  }

  @Test
  void unknownTypeRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--type", "payment.done"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Option --type has an unknown event type 'payment.done'; use one of payment.completed,"
                + " payment.failed, payment.expired, refund.completed, payout.paid, or --file for"
                + " any other JSON");
  }

  @Test
  void typeWithFileRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--type", "payout.paid", "--file", "a.json"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Options --type and --file exclude each other; give one of them");
  }

  @Test
  void relativeUrlRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--url", "/webhooks/dberi"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Option --url needs an absolute http or https URL such as"
                + " http://127.0.0.1:8080/webhooks/dberi, got '/webhooks/dberi'");
  }

  @Test
  void nonNumericRepeatRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--repeat", "twice"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --repeat needs a whole number, got 'twice'");
  }

  @Test
  void concurrencyAboveMaxRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--concurrency", "65"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --concurrency must be between 1 and 64, got 65");
  }

  @Test
  void flagWithValueRejected() {
    assertThatThrownBy(() -> parse("--secret", "s", "--tamper=yes"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --tamper takes no value, got 'yes'");
  }

  @Test
  void toStringOmitsSecret() throws UsageException {
    assertThat(parse("--secret", "top-secret-value").toString()).doesNotContain("top-secret-value");
  }
}
