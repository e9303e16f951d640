package com.dberi.webhooks.idempotency;

/** The outcome of {@link IdempotencyStore#claim}. */
public enum ClaimResult {
  /** The caller holds the claim and must process the event, then complete or release it. */
  CLAIMED,
  /** The event was processed before and is kept for the retention period: respond as to a duplicate. */
  ALREADY_PROCESSED,
  /** Another worker owns an unexpired claim on the event: let the sender retry later. */
  IN_PROGRESS
}
