package com.dberi.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreArgumentsTest {

  @Test
  void millisAfterAddsWholeMillis() {
    assertThat(StoreArguments.millisAfter(1_000, Duration.ofMillis(30))).isEqualTo(1_030);
  }

  @Test
  void millisAfterRoundsNanosUp() {
    assertThat(StoreArguments.millisAfter(1_000, Duration.ofNanos(1))).isEqualTo(1_001);
  }

  @Test
  void millisAfterRoundsPartialMilliUp() {
    assertThat(StoreArguments.millisAfter(1_000, Duration.ofNanos(1_500_000))).isEqualTo(1_002);
  }

  @Test
  void millisAfterCapsOverflow() {
    assertThat(StoreArguments.millisAfter(1_000, Duration.ofSeconds(Long.MAX_VALUE)))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void millisAfterCapsSumOverflow() {
    assertThat(StoreArguments.millisAfter(Long.MAX_VALUE - 5, Duration.ofMillis(10)))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void describeReplacesControlCharacters() {
    assertThat(StoreArguments.describe("evt\r\n\u001b[31m1")).isEqualTo("evt???[31m1");
  }

  @Test
  void describeCutsLongValue() {
    assertThat(StoreArguments.describe("k".repeat(100))).isEqualTo("k".repeat(64) + "…");
  }

  @Test
  void longKeyMessage() {
    String key = "evt_" + "x".repeat(300);

    assertThatThrownBy(() -> StoreArguments.checkKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key must be at most 255 characters, was 304: evt_" + "x".repeat(60) + "…");
  }

  @Test
  void longOwnerMessage() {
    assertThatThrownBy(() -> StoreArguments.checkOwner("o".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("owner must be at most 64 characters, was 65: " + "o".repeat(64) + "…");
  }

  @Test
  void blankKeyMessage() {
    assertThatThrownBy(() -> StoreArguments.checkKey("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must not be blank");
  }

  @Test
  void zeroLeaseMessage() {
    assertThatThrownBy(() -> StoreArguments.checkLease(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lease must be positive, was PT0S");
  }
}
