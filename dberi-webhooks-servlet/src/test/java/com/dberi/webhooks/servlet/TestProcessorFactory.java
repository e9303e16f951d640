package com.dberi.webhooks.servlet;

import com.dberi.webhooks.WebhookProcessor;
import com.dberi.webhooks.WebhookVerifier;
import com.dberi.webhooks.idempotency.InMemoryIdempotencyStore;

/** A factory named in the {@code processor-factory} init parameter of the web.xml tests. */
public final class TestProcessorFactory implements WebhookProcessorFactory {

  /** The handlers of the processor that the last created factory built. */
  static volatile RecordingHandlers handlers = new RecordingHandlers();

  /** Creates the factory; the filter calls this constructor by reflection. */
  public TestProcessorFactory() {}

  @Override
  public WebhookProcessor create(WebhookVerifier verifier) {
    return handlers
        .register(
            WebhookProcessor.builder()
                .verifier(verifier)
                .idempotencyStore(InMemoryIdempotencyStore.create()))
        .build();
  }
}
