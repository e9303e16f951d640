package com.dberi.webhooks.servlet;

import com.dberi.webhooks.event.EventData;
import com.dberi.webhooks.event.PaymentCompleted;
import com.dberi.webhooks.event.PaymentExpired;
import com.dberi.webhooks.event.PaymentFailed;
import com.dberi.webhooks.event.PayoutPaid;
import com.dberi.webhooks.event.RefundCompleted;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps typed event data to its wire field names, for comparison with expected JSON fields. */
final class EventFields {

  private static final Pattern REPEAT = Pattern.compile("<(\\d+) x '(.)'>");

  private EventFields() {}

  /** Returns the fields of {@code data} by their JSON names. */
  static Map<String, Object> of(EventData data) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (data instanceof PaymentCompleted p) {
      fields.put("payment_id", p.paymentId());
      fields.put("merchant_id", p.merchantId());
      fields.put("amount", p.amount());
      fields.put("status", p.status());
      fields.put("customer_id", p.customerId());
      fields.put("metadata", p.metadata());
    } else if (data instanceof PaymentFailed p) {
      fields.put("payment_id", p.paymentId());
      fields.put("error_code", p.errorCode());
      fields.put("error_message", p.errorMessage());
      fields.put("metadata", p.metadata());
    } else if (data instanceof PaymentExpired p) {
      fields.put("payment_id", p.paymentId());
    } else if (data instanceof RefundCompleted r) {
      fields.put("refund_id", r.refundId());
      fields.put("payment_id", r.paymentId());
      fields.put("amount", r.amount());
      fields.put("reason", r.reason());
    } else if (data instanceof PayoutPaid p) {
      fields.put("payout_id", p.payoutId());
      fields.put("amount", p.amount());
      fields.put("arrival_date", p.arrivalDate().toString());
    } else {
      throw new AssertionError("No field mapping for " + data.getClass().getName());
    }
    return fields;
  }

  /**
   * Converts expected JSON fields to the values {@link #of} returns: numbers as long, objects as
   * string maps, and the "{@code <N x 'c'>}" shorthand expanded to N copies of c.
   */
  static Map<String, Object> expected(JsonNode fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      values.put(field.getKey(), value(field.getValue()));
    }
    return values;
  }

  private static Object value(JsonNode node) {
    if (node.isObject()) {
      Map<String, String> map = new HashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        map.put(entry.getKey(), expand(entry.getValue().asText()));
      }
      return map;
    }
    if (node.isNumber()) {
      return node.asLong();
    }
    return expand(node.asText());
  }

  private static String expand(String text) {
    Matcher matcher = REPEAT.matcher(text);
    return matcher.matches() ? matcher.group(2).repeat(Integer.parseInt(matcher.group(1))) : text;
  }
}
