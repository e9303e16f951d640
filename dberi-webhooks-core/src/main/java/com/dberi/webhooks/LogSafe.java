package com.dberi.webhooks;

/** Makes values that came from a request safe to put into a message or a log line. */
final class LogSafe {

  private static final int MAX_LENGTH = 64;

  private LogSafe() {}

  /**
   * Returns {@code value} cut to 64 characters, with control characters (CR, LF, ESC and others)
   * replaced by {@code ?} so that a request cannot forge log lines or terminal escapes.
   */
  static String truncate(String value) {
    if (value == null) {
      return "(none)";
    }
    boolean cut = value.length() > MAX_LENGTH;
    String head = cut ? value.substring(0, MAX_LENGTH) : value;
    StringBuilder safe = new StringBuilder(head.length() + 1);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      safe.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    if (cut) {
      safe.append('…');
    }
    return safe.toString();
  }
}
