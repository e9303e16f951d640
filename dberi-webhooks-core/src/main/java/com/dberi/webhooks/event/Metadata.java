package com.dberi.webhooks.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies the {@code metadata} of event data into an unmodifiable map. */
final class Metadata {

  private Metadata() {}

  /**
   * Returns an unmodifiable copy of {@code metadata} that keeps its iteration order, or an empty
   * map for null.
   *
   * <p>{@link Map#copyOf} is not used: its table probes linearly, and keys that differ only in
   * their last characters, such as {@code line_0001} to {@code line_1800}, fill long runs of
   * neighbouring slots, so each insertion scans a run and the copy grows quadratically.
   *
   * @throws NullPointerException if a key or a value is null, as {@link Map#copyOf} does
   */
  static Map<String, String> copy(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>((int) (metadata.size() / 0.75f) + 1);
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      copy.put(
          Objects.requireNonNull(entry.getKey(), "metadata key"),
          Objects.requireNonNull(entry.getValue(), "metadata value"));
    }
    return Collections.unmodifiableMap(copy);
  }
}
