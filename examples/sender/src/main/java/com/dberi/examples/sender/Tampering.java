package com.dberi.examples.sender;

/** Alters a signed body so that its signature no longer matches. */
final class Tampering {

  private Tampering() {}

  /**
   * Replaces one ASCII letter or digit, the first one at or after the middle of the body, with
   * another of the same kind, so that JSON stays JSON; a body without one gets its last byte
   * flipped.
   */
  static void alterOneByte(byte[] body) {
    if (body.length == 0) {
      return;
    }
    for (int i = body.length / 2; i < body.length; i++) {
      byte b = body[i];
      if (b >= '0' && b <= '9') {
        body[i] = (byte) (b == '9' ? '8' : b + 1);
        return;
      }
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        body[i] = (byte) (b == 'z' || b == 'Z' ? b - 1 : b + 1);
        return;
      }
    }
    body[body.length - 1] ^= 0x01;
  }
}
