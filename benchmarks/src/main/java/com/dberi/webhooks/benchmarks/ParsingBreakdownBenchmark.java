package com.dberi.webhooks.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Splits the parsing half of {@code verifyAndParse} into its Jackson part: a tree read with a
 * default mapper, and a tree read with the settings that the SDK's parser uses (duplicate-key
 * detection, read limits and the trailing-token check). Comparing both with {@code verifyAndParse}
 * in {@link VerificationBenchmark} shows how much the settings cost and how much the SDK's own
 * mapping of the tree into an event adds.
 *
 * <p>The settings are copied from the SDK's parser, which is package-private; keep them in step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ParsingBreakdownBenchmark {

  private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper();
  private static final ObjectMapper SDK_SETTINGS_MAPPER = sdkSettingsMapper();

  @Param({"512", "4096", "65536"})
  public int payloadBytes;

  private byte[] payload;

  @Setup
  public void createPayload() {
    payload = Payloads.paymentCompleted(payloadBytes);
  }

  @Benchmark
  public JsonNode readTreeDefault() throws Exception {
    return DEFAULT_MAPPER.readTree(payload);
  }

  @Benchmark
  public JsonNode readTreeSdkSettings() throws Exception {
    return SDK_SETTINGS_MAPPER.readTree(payload);
  }

  private static ObjectMapper sdkSettingsMapper() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(4 * 1024 * 1024)
            .maxNumberLength(64)
            .maxNameLength(1024)
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
