package com.dberi.webhooks.idempotency;

import java.time.Duration;

/**
 * Remembers which events were processed, so that an event delivered several times, even
 * concurrently, is processed once.
 *
 * <p>The protocol has three steps. {@link #claim} atomically takes a lease on the key, so that of
 * two concurrent deliveries exactly one gets {@link ClaimResult#CLAIMED}. After the handlers
 * succeeded, {@link #complete} marks the key processed and keeps it for the store's retention
 * period; after they failed, {@link #release} drops the claim so that the sender's retry processes
 * the event again. A lease that expired, because the worker crashed or hung, may be claimed again by
 * the next delivery. Marking a key before processing would lose the event when the handler fails,
 * and checking before inserting would let concurrent duplicates through; implementations do
 * neither.
 *
 * <p>Every claim carries an {@code owner} token, unique per delivery attempt, so that a worker whose
 * lease expired and was taken over cannot complete or release the new owner's claim.
 *
 * <p>Implementations are thread-safe. Keys are at most {@value #MAX_KEY_LENGTH} characters and owner
 * tokens at most {@value #MAX_OWNER_LENGTH}.
 */
public interface IdempotencyStore {

  /** Maximum length of an idempotency key, in characters. */
  int MAX_KEY_LENGTH = 255;

  /** Maximum length of an owner token, in characters. */
  int MAX_OWNER_LENGTH = 64;

  /** Default time that a processed key is remembered: 7 days, well past the sender's retry span. */
  Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /**
   * Atomically claims {@code key} for {@code owner} for the length of {@code lease}.
   *
   * @param key the idempotency key, at most {@value #MAX_KEY_LENGTH} characters
   * @param owner a token unique to this delivery attempt, at most {@value #MAX_OWNER_LENGTH}
   *     characters
   * @param lease how long the claim holds before another delivery may take it over; positive
   * @return {@link ClaimResult#CLAIMED} if the caller now holds the claim, {@link
   *     ClaimResult#ALREADY_PROCESSED} if the key was completed within the retention period, or
   *     {@link ClaimResult#IN_PROGRESS} if another owner holds an unexpired lease
   * @throws IdempotencyStoreException if the store cannot be reached or returns an error
   */
  ClaimResult claim(String key, String owner, Duration lease);

  /**
   * Marks {@code key} processed, if {@code owner} still owns its claim, and remembers it for the
   * retention period.
   *
   * @return {@code true} if the key was marked; {@code false} if the claim was no longer {@code
   *     owner}'s, because its lease expired and another delivery took it over or it was released
   * @throws IdempotencyStoreException if the store cannot be reached or returns an error
   */
  boolean complete(String key, String owner);

  /**
   * Drops {@code owner}'s claim on {@code key} without marking it processed, so that the next
   * delivery processes the event again. Does nothing if the claim is no longer {@code owner}'s.
   *
   * @throws IdempotencyStoreException if the store cannot be reached or returns an error
   */
  void release(String key, String owner);
}
