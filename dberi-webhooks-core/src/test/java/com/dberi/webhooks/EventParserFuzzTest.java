package com.dberi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.dberi.webhooks.event.UnknownEventData;
import com.dberi.webhooks.testsupport.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds seeded random mutations of the sample events to the parser: every body must either parse
 * or be rejected with MALFORMED_PAYLOAD, never with another exception.
 */
class EventParserFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 0x5eed_d8e1L;
  private static final int ROUNDS_PER_SAMPLE = 1_000;
  private static final byte[] INTERESTING =
      "{}[]\",:.-+eE0123456789 \t\r\n\\ntrufalse\u00e9".getBytes(StandardCharsets.UTF_8);

  /** Whole tokens that single-byte edits rarely produce: number edge cases and escapes. */
  private static final byte[][] TOKENS =
      Stream.of(
              "1e9999999999",
              "1e-2147483648",
              "1e2147483647",
              "-0",
              "0.0",
              "99999999999999999999",
              "1.5",
              "null",
              "true",
              "\"\"",
              "{}",
              "[]",
              "\"\\u0000\"",
              "\"\\ud83d\"",
              "\"\uD83D\uDE00\"",
              ",\"data\":{}",
              ",\"id\":\"x\"")
          .map(token -> token.getBytes(StandardCharsets.UTF_8))
          .toArray(byte[][]::new);

  @Test
  void mutatedSamplesParseOrReject() {
    Random random = new Random(SEED);
    List<String> unexpected = new ArrayList<>();
    int unknownChecked = 0;

    List<byte[]> samples = new ArrayList<>();
    SampleEvents.TYPES.forEach(type -> samples.add(SampleEvents.bytes(type)));
    // An unknown type exercises the verbatim copy of the data value.
    samples.add(
        ("{\"id\":\"evt_f\",\"type\":\"dispute.opened\",\"data\":{\"a\":[1,2.50,{\"b\":null}],"
                + "\"c\":\"\u00e9\\u00e9\"},\"created\":1773914731}")
            .getBytes(StandardCharsets.UTF_8));

    for (byte[] sample : samples) {
      for (int round = 0; round < ROUNDS_PER_SAMPLE; round++) {
        byte[] mutated = mutate(sample, random);
        try {
          Event event = EventParser.parse(mutated);
          if (event.data() instanceof UnknownEventData unknown) {
            unknownChecked++;
            if (!sameData(mutated, unknown)) {
              unexpected.add("data JSON " + unknown.json() + " differs in " + event.json());
            }
          }
        } catch (WebhookVerificationException e) {
          if (e.reason() != WebhookVerificationException.Reason.MALFORMED_PAYLOAD) {
            unexpected.add(e.reason() + " for " + HexFormat.of().formatHex(mutated));
          }
        } catch (RuntimeException | StackOverflowError e) {
          unexpected.add(e + " for " + new String(mutated, StandardCharsets.UTF_8));
        }
      }
    }

    assertThat(unexpected).isEmpty();
    assertThat(unknownChecked).as("mutations that parsed as an unknown type").isGreaterThan(50);
  }

  /** Checks that the copied data text reads back as the body's own data value. */
  private static boolean sameData(byte[] body, UnknownEventData unknown) {
    try {
      JsonNode expected = JSON.readTree(body).get("data");
      JsonNode copied = JSON.readTree(unknown.json());
      return expected == null ? copied.isNull() : expected.equals(copied);
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] mutate(byte[] sample, Random random) {
    byte[] bytes = sample.clone();
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int position = random.nextInt(bytes.length);
      switch (random.nextInt(5)) {
        case 0 -> bytes[position] = (byte) random.nextInt(256);
        case 1 -> bytes[position] = INTERESTING[random.nextInt(INTERESTING.length)];
        case 2 -> bytes = delete(bytes, position, 1 + random.nextInt(8));
        case 3 -> bytes = insert(bytes, position, TOKENS[random.nextInt(TOKENS.length)]);
        default ->
            bytes =
                insert(
                    bytes,
                    position,
                    new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
      }
      if (bytes.length == 0) {
        break;
      }
    }
    return bytes;
  }

  private static byte[] delete(byte[] bytes, int position, int count) {
    int end = Math.min(bytes.length, position + count);
    byte[] result = new byte[bytes.length - (end - position)];
    System.arraycopy(bytes, 0, result, 0, position);
    System.arraycopy(bytes, end, result, position, bytes.length - end);
    return result;
  }

  private static byte[] insert(byte[] bytes, int position, byte[] values) {
    byte[] result = new byte[bytes.length + values.length];
    System.arraycopy(bytes, 0, result, 0, position);
    System.arraycopy(values, 0, result, position, values.length);
    System.arraycopy(bytes, position, result, position + values.length, bytes.length - position);
    return result;
  }
}
