package com.dberi.examples.demo;

/** Runs {@link DemoScenario} and exits with 0 only when every step matched. */
public final class DemoMain {

  private DemoMain() {}

  /** Runs the demo; the exit status is 0 when every step matched and 1 otherwise. */
  public static void main(String[] args) {
    DemoScenario.Report report = DemoScenario.run(System.out);
    System.exit(report.passed() ? 0 : 1);
  }
}
