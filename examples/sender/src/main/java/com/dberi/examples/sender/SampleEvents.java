package com.dberi.examples.sender;

import com.dberi.webhooks.event.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Builds sample events of the documented types, shaped like the events Dberi sends. */
public final class SampleEvents {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SampleEvents() {}

  /** Builds the JSON body of a sample event from the options' ids and amount, as UTF-8 bytes. */
  public static byte[] build(EventType type, SenderOptions options, Instant created) {
    ObjectNode event = MAPPER.createObjectNode();
    event.put("id", options.eventId());
    event.put("type", type.wireName());
    event.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode data = event.putObject("data");
    switch (type) {
      case PAYMENT_COMPLETED -> {
        data.put("payment_id", options.paymentId());
        data.put("merchant_id", "merchant-example");
        data.put("amount", options.amount());
        data.put("status", "completed");
        data.put("customer_id", "cust-example");
        data.putObject("metadata").put("order_id", options.orderId());
      }
      case PAYMENT_FAILED -> {
        data.put("payment_id", options.paymentId());
        data.put("error_code", "INSUFFICIENT_BALANCE");
        data.put("error_message", "Customer has insufficient funds");
        data.putObject("metadata").put("order_id", options.orderId());
      }
      case PAYMENT_EXPIRED -> data.put("payment_id", options.paymentId());
      case REFUND_COMPLETED -> {
        data.put("refund_id", "refund-" + options.eventId());
        data.put("payment_id", options.paymentId());
        data.put("amount", options.amount());
        data.put("reason", "Customer requested cancellation");
      }
      case PAYOUT_PAID -> {
        data.put("payout_id", "payout-" + options.eventId());
        data.put("amount", options.amount());
        data.put("arrival_date", LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(2).toString());
      }
    }
    try {
      return MAPPER.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the sample " + type.wireName() + " event", e);
    }
  }
}
