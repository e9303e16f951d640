package com.dberi.webhooks.idempotency;

import java.time.Clock;

/** Runs the store contract against the in-memory store. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

  @Override
  protected IdempotencyStore createStore(Clock clock) {
    return InMemoryIdempotencyStore.builder().clock(clock).build();
  }

  @Override
  protected int purgeExpired(IdempotencyStore store) {
    return ((InMemoryIdempotencyStore) store).purgeExpired();
  }
}
