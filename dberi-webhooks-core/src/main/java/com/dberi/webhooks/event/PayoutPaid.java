package com.dberi.webhooks.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Data of a {@code payout.paid} event: Dberi sent the merchant's balance to their bank.
 *
 * @param payoutId Dberi's payout id ({@code payout_id}), never null
 * @param amount the paid-out amount in minor units of the currency ({@code amount})
 * @param arrivalDate the date the money is expected in the bank account ({@code arrival_date}),
 *     never null
 */
public record PayoutPaid(String payoutId, long amount, LocalDate arrivalDate) implements EventData {

  /** Checks the required fields. */
  public PayoutPaid {
    Objects.requireNonNull(payoutId, "payoutId");
    Objects.requireNonNull(arrivalDate, "arrivalDate");
  }
}
