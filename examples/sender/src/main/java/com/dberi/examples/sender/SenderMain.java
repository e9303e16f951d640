package com.dberi.examples.sender;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Entry point of the sender: parses the command line, sends, and sets the exit status. */
public final class SenderMain {

  /** Exit status when every response was 2xx. */
  public static final int EXIT_OK = 0;

  /** Exit status when a response was not 2xx or a request failed. */
  public static final int EXIT_DELIVERY_FAILED = 1;

  /** Exit status for an invalid command line. */
  public static final int EXIT_USAGE = 2;

  private SenderMain() {}

  /** Runs the sender with the process environment and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /**
   * Runs the sender and returns the exit status instead of exiting.
   *
   * @param out receives the usage text and one line per delivery
   * @param err receives usage errors and failures
   */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    SenderOptions options;
    try {
      options = SenderOptions.parse(args, environment);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.println(SenderOptions.usage());
      return EXIT_OK;
    }

    List<DeliveryResponse> responses;
    try {
      responses = new WebhookSender().send(options, out);
    } catch (IOException e) {
      err.println("error: cannot read --file " + options.file().orElseThrow() + ": " + e);
      return EXIT_USAGE;
    }
    long failed = responses.stream().filter(response -> !response.successful()).count();
    if (failed > 0) {
      err.println(failed + " of " + responses.size() + " deliveries were not answered with 2xx");
      return EXIT_DELIVERY_FAILED;
    }
    return EXIT_OK;
  }
}
