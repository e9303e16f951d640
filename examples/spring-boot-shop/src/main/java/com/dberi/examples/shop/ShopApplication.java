package com.dberi.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An order-fulfilment shop that receives Dberi webhooks at {@code POST /webhooks/dberi}.
 *
 * <p>{@code POST /orders} creates a pending order and reserves its stock; the handlers in {@link
 * PaymentWebhookHandlers} move it to paid, failed, expired or refunded and record the customer
 * emails in an outbox table.
 */
@SpringBootApplication
public class ShopApplication {

  /** Starts the shop; configuration comes from application.properties, the environment and args. */
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
