package com.dberi.webhooks.loadtest;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Command-line entry point of the loopback load test; {@code --help} lists the options.
 *
 * <p>It starts no server: run the example shop in its own JVM with {@code
 * shop.loadtest.enabled=true} first, as {@code loadtest/run.sh} does. Exits with 0 when every
 * request got a 2xx response, 1 when any failed and 2 for invalid options.
 */
public final class LoadTestMain {

  private LoadTestMain() {}

  /** Runs the load test with {@code args} and exits with the status described above. */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the load test and returns the exit status; prints the results to {@code out}. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (Arrays.asList(args).contains("--help")) {
      out.println(LoadOptions.USAGE);
      return 0;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }

    LoadReport report = new LoadGenerator(options, out).run();
    out.println();
    out.print(report.summary());
    long errors = report.errors(LoadGenerator.NOOP) + report.errors(LoadGenerator.WEBHOOK);
    if (errors > 0) {
      err.println(
          errors
              + " requests failed; the counts per kind are in the round lines above. Check that the"
              + " shop runs with shop.loadtest.enabled=true and the same secret.");
      return 1;
    }
    return 0;
  }
}
