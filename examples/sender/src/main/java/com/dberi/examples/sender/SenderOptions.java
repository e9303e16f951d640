package com.dberi.examples.sender;

import com.dberi.webhooks.event.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The parsed command line of the sender. Immutable.
 *
 * <p>Options take their value as the next argument ({@code --url http://...}) or after an equals
 * sign ({@code --url=http://...}). Parsing rejects unknown options, missing or invalid values and
 * {@code --type} together with {@code --file}, each with a message that names the option.
 */
public final class SenderOptions {

  /** Environment variable read when {@code --secret} is absent. */
  public static final String SECRET_VARIABLE = "DBERI_WEBHOOK_SECRET";

  /** Endpoint used when {@code --url} is absent: the example applications' webhook path. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080/webhooks/dberi");

  static final String DEFAULT_ORDER_ID = "1234";
  static final long DEFAULT_AMOUNT = 2500;
  static final int MAX_REPEAT = 10_000;
  static final int MAX_CONCURRENCY = 64;

  private final boolean help;
  private final URI url;
  private final String secret;
  private final EventType type;
  private final Path file;
  private final String orderId;
  private final String paymentId;
  private final String eventId;
  private final long amount;
  private final Long timestampMillis;
  private final boolean tamper;
  private final int repeat;
  private final int concurrency;

  private SenderOptions(Parser parser) {
    this.help = parser.help;
    this.url = parser.url;
    this.secret = parser.secret;
    this.type = parser.type;
    this.file = parser.file;
    this.orderId = parser.orderId;
    this.paymentId = parser.paymentId;
    this.eventId = parser.eventId;
    this.amount = parser.amount;
    this.timestampMillis = parser.timestampMillis;
    this.tamper = parser.tamper;
    this.repeat = parser.repeat;
    this.concurrency = parser.concurrency;
  }

  /**
   * Parses a command line.
   *
   * @param args the arguments after the program name
   * @param environment the process environment, read for {@value #SECRET_VARIABLE}
   * @throws UsageException if an option is unknown, lacks its value or has an invalid value, or if
   *     no secret is given. The message names the option.
   */
  public static SenderOptions parse(List<String> args, Map<String, String> environment)
      throws UsageException {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(environment, "environment");
    Parser parser = new Parser(environment);
    parser.parse(args);
    return new SenderOptions(parser);
  }

  /** Returns true when {@code --help} was given; the other options are then not checked. */
  public boolean help() {
    return help;
  }

  /** Returns the endpoint to POST to. */
  public URI url() {
    return url;
  }

  /** Returns the signing secret. */
  String secret() {
    return secret;
  }

  /** Returns the event type of the sample event; empty when {@code --file} is given. */
  public Optional<EventType> type() {
    return Optional.ofNullable(type);
  }

  /** Returns the JSON file to send as it is, or empty when a sample event is built. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Returns {@code metadata.order_id} for payment events. */
  public String orderId() {
    return orderId;
  }

  /** Returns {@code payment_id}. */
  public String paymentId() {
    return paymentId;
  }

  /** Returns the event {@code id}. */
  public String eventId() {
    return eventId;
  }

  /** Returns {@code amount} in minor units. */
  public long amount() {
    return amount;
  }

  /** Returns the {@code x-dberi-timestamp} to send in epoch milliseconds, or empty for "now". */
  public Optional<Long> timestampMillis() {
    return Optional.ofNullable(timestampMillis);
  }

  /** Returns true when one byte of the body is altered after signing. */
  public boolean tamper() {
    return tamper;
  }

  /** Returns how many rounds are sent one after the other. */
  public int repeat() {
    return repeat;
  }

  /** Returns how many identical deliveries each round sends at the same time. */
  public int concurrency() {
    return concurrency;
  }

  /** Returns the options without the secret. */
  @Override
  public String toString() {
    return "SenderOptions{url=" + url + ", type=" + type + ", file=" + file + ", eventId=" + eventId
        + ", repeat=" + repeat + ", concurrency=" + concurrency + ", tamper=" + tamper + "}";
  }

  /** Returns the usage text printed by {@code --help}. */
  public static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: java -jar dberi-webhooks-sender.jar [options]",
        "",
        "Signs a Dberi event with a webhook secret and POSTs it with the x-dberi-signature and",
        "x-dberi-timestamp headers, then prints each response's status and body.",
        "",
        "Options:",
        "  --url URL            endpoint to POST to (default " + DEFAULT_URL + ")",
        "  --secret SECRET      signing secret (default: the " + SECRET_VARIABLE + " variable)",
        "  --type TYPE          sample event to build (default payment.completed), one of",
        "                       " + typeNames(),
        "  --file PATH          send this JSON file byte for byte instead of a sample event",
        "  --order-id ID        metadata.order_id of payment.completed and payment.failed (default "
            + DEFAULT_ORDER_ID + ")",
        "  --payment-id ID      payment_id of the sample event (default: a random payment-... id)",
        "  --event-id ID        id of the sample event (default: a random evt_... id)",
        "  --amount N           amount in minor units, 2500 meaning 25.00 (default " + DEFAULT_AMOUNT
            + ")",
        "  --timestamp MILLIS   x-dberi-timestamp in milliseconds since the epoch (default: now);",
        "                       a value more than 5 minutes old simulates a stale delivery",
        "  --tamper             alter one byte of the body after signing",
        "  --repeat N           send N rounds one after the other (default 1, at most " + MAX_REPEAT
            + ")",
        "  --concurrency N      send N identical deliveries at once in each round (default 1, at"
            + " most " + MAX_CONCURRENCY + ")",
        "  --help               print this text and exit",
        "",
        "Exit status: 0 when every response was 2xx, 1 when any was not or a request failed,",
        "2 for an invalid command line.");
  }

  private static String typeNames() {
    List<String> names = new ArrayList<>();
    for (EventType type : EventType.values()) {
      names.add(type.wireName());
    }
    return String.join(", ", names);
  }

  /** Reads the arguments one option at a time into mutable fields. */
  private static final class Parser {

    private final Map<String, String> environment;
    private boolean help;
    private URI url = DEFAULT_URL;
    private String secret;
    private EventType type;
    private Path file;
    private String orderId = DEFAULT_ORDER_ID;
    private String paymentId = "payment-" + randomHex(6);
    private String eventId = "evt_" + randomHex(12);
    private long amount = DEFAULT_AMOUNT;
    private Long timestampMillis;
    private boolean tamper;
    private int repeat = 1;
    private int concurrency = 1;

    Parser(Map<String, String> environment) {
      this.environment = environment;
    }

    void parse(List<String> args) throws UsageException {
      if (args.contains("--help") || args.contains("-h")) {
        help = true;
        return;
      }
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (!arg.startsWith("--")) {
          throw new UsageException("Unexpected argument '" + arg + "'; options start with --, see --help");
        }
        String name = arg;
        String inlineValue = null;
        int equals = arg.indexOf('=');
        if (equals > 0) {
          name = arg.substring(0, equals);
          inlineValue = arg.substring(equals + 1);
        }
        if (isFlag(name)) {
          if (inlineValue != null) {
            throw new UsageException("Option " + name + " takes no value, got '" + inlineValue + "'");
          }
          tamper = true;
          continue;
        }
        String value = inlineValue;
        if (value == null) {
          // A following option means this one's value is missing, for example an empty variable.
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException("Option " + name + " needs a value; see --help");
          }
          value = args.get(++i);
        }
        apply(name, value);
      }
      finish();
    }

    private static boolean isFlag(String name) {
      return name.equals("--tamper");
    }

    private void apply(String name, String value) throws UsageException {
      switch (name) {
        case "--url" -> url = parseUrl(value);
        case "--secret" -> secret = requireText(name, value);
        case "--type" -> type = parseType(value);
        case "--file" -> file = Path.of(requireText(name, value));
        case "--order-id" -> orderId = requireText(name, value);
        case "--payment-id" -> paymentId = requireText(name, value);
        case "--event-id" -> eventId = requireText(name, value);
        case "--amount" -> amount = parseLong(name, value, 0, Long.MAX_VALUE);
        case "--timestamp" -> timestampMillis = parseLong(name, value, 0, Long.MAX_VALUE);
        case "--repeat" -> repeat = (int) parseLong(name, value, 1, MAX_REPEAT);
        case "--concurrency" -> concurrency = (int) parseLong(name, value, 1, MAX_CONCURRENCY);
        default -> throw new UsageException("Unknown option '" + name + "'; see --help");
      }
    }

    private void finish() throws UsageException {
      if (type != null && file != null) {
        throw new UsageException("Options --type and --file exclude each other; give one of them");
      }
      if (type == null && file == null) {
        type = EventType.PAYMENT_COMPLETED;
      }
      if (secret == null) {
        String fromEnvironment = environment.get(SECRET_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
          throw new UsageException(
              "Option --secret is missing and " + SECRET_VARIABLE + " is not set; pass the"
                  + " endpoint's signing secret with --secret");
        }
        secret = fromEnvironment;
      }
    }

    private static URI parseUrl(String value) throws UsageException {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw new UsageException("Option --url has an invalid URL '" + value + "': " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new UsageException(
            "Option --url needs an absolute http or https URL such as " + DEFAULT_URL + ", got '"
                + value + "'");
      }
      return uri;
    }

    private static EventType parseType(String value) throws UsageException {
      return EventType.fromWireName(value)
          .orElseThrow(
              () ->
                  new UsageException(
                      "Option --type has an unknown event type '" + value + "'; use one of "
                          + typeNames() + ", or --file for any other JSON"));
    }

    private static String requireText(String name, String value) throws UsageException {
      if (value.isBlank()) {
        throw new UsageException("Option " + name + " needs a non-blank value");
      }
      return value;
    }

    private static long parseLong(String name, String value, long min, long max)
        throws UsageException {
      long parsed;
      try {
        parsed = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new UsageException("Option " + name + " needs a whole number, got '" + value + "'");
      }
      if (parsed < min || parsed > max) {
        throw new UsageException(
            "Option " + name + " must be between " + min + " and " + max + ", got " + parsed);
      }
      return parsed;
    }

    private static String randomHex(int bytes) {
      byte[] random = new byte[bytes];
      ThreadLocalRandom.current().nextBytes(random);
      return HexFormat.of().formatHex(random);
    }
  }
}
