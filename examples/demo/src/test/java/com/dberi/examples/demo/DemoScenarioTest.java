package com.dberi.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.examples.demo.DemoScenario.Report;
import com.dberi.examples.demo.DemoScenario.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the whole demo once over real HTTP and checks what the shop showed after each step. */
class DemoScenarioTest {

  private static Report report;
  private static String printed;

  @BeforeAll
  static void runDemo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report = DemoScenario.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  private static Step step(int number) {
    return report.steps().get(number - 1);
  }

  @Test
  void sixStepsRun() {
    assertThat(report.steps()).hasSize(6);
  }

  @Test
  void firstDeliveryPaysOrder() {
    assertThat(step(1).statuses()).containsExactly(200);
    assertThat(step(1).orderStatus()).isEqualTo("paid");
    assertThat(step(1).confirmationEmails()).isEqualTo(1);
  }

  @Test
  void duplicatesChangeNothing() {
    for (Step duplicate : List.of(step(2), step(3))) {
      assertThat(duplicate.statuses()).allMatch(status -> status == 200);
      assertThat(duplicate.orderStatus()).isEqualTo("paid");
      assertThat(duplicate.confirmationEmails()).isEqualTo(1);
      assertThat(duplicate.emails()).isEqualTo(1);
    }
    assertThat(step(3).statuses()).hasSize(3);
  }

  @Test
  void tamperedCopyRejected() {
    assertThat(step(4).statuses()).containsExactly(401);
    assertThat(step(4).orderStatus()).isEqualTo("paid");
    assertThat(step(4).emails()).isEqualTo(1);
  }

  @Test
  void staleCopyRejected() {
    assertThat(step(5).statuses()).containsExactly(400);
    assertThat(step(5).orderStatus()).isEqualTo("paid");
    assertThat(step(5).emails()).isEqualTo(1);
  }

  @Test
  void refundMarksOrderRefunded() {
    assertThat(step(6).statuses()).containsExactly(200);
    assertThat(step(6).orderStatus()).isEqualTo("refunded");
    assertThat(step(6).refundAmount()).isEqualTo(2500L);
    assertThat(step(6).confirmationEmails()).isEqualTo(1);
    assertThat(step(6).emails()).isEqualTo(2);
  }

  @Test
  void reportPassed() {
    assertThat(report.passed()).isTrue();
    assertThat(printed).contains("Demo passed: 6 of 6 steps as expected");
  }

  @Test
  void outputOmitsSecret() {
    assertThat(printed).doesNotContain("whsec_demo_");
  }
}
