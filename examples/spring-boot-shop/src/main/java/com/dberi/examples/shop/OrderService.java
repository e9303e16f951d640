package com.dberi.examples.shop;

import com.dberi.examples.shop.Orders.Item;
import com.dberi.examples.shop.Orders.OrderRow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates orders with their stock reservations and reads them back. */
@Service
public class OrderService {

  private static final Logger log = LoggerFactory.getLogger(OrderService.class);

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final int MAX_EMAIL_LENGTH = 320;
  private static final int MAX_PAYMENT_ID_LENGTH = 255;
  private static final int MAX_ITEMS = 100;

  private final Orders orders;

  OrderService(Orders orders) {
    this.orders = orders;
  }

  /** Body of {@code POST /orders}. */
  public record CreateOrderRequest(
      String customerEmail, Long amount, List<Item> items, String paymentId) {}

  /** Body of {@code GET /orders/{id}} and of the response to {@code POST /orders}. */
  public record OrderView(
      String id,
      String status,
      String customerEmail,
      long amount,
      String paymentId,
      Long refundAmount,
      String refundReason,
      List<Item> items,
      List<Orders.Email> emails) {}

  /**
   * Creates a pending order and reserves its items, all or nothing.
   *
   * <p>{@code payment_id} is the id Dberi returned when the shop created the payment. This example
   * does not call Dberi, so without one it stores a random {@code payment-...} placeholder.
   *
   * @throws OrderException with 400 for an invalid request or an unknown product, 409 when a
   *     product has too little stock
   */
  @Transactional
  public OrderView create(CreateOrderRequest request) {
    validate(request);
    String id = UUID.randomUUID().toString();
    String paymentId = request.paymentId() == null
        ? "payment-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        : request.paymentId();
    if (orders.findByPaymentId(paymentId).isPresent()) {
      throw new OrderException(
          HttpStatus.CONFLICT, "payment_id '" + paymentId + "' already belongs to another order");
    }

    orders.insertOrder(id, request.customerEmail(), request.amount(), paymentId);
    for (Item item : request.items()) {
      orders.insertItem(id, item);
      reserve(item);
    }
    log.info("Created order {} with {} item lines, payment {}", id, request.items().size(), paymentId);
    return view(id);
  }

  private void reserve(Item item) {
    if (orders.reserve(item)) {
      return;
    }
    // The update changed nothing: the product is unknown or short; the transaction rolls back.
    int available =
        orders
            .stock(item.sku())
            .orElseThrow(
                () ->
                    new OrderException(
                        HttpStatus.BAD_REQUEST,
                        "Unknown product sku '" + item.sku() + "'; GET /stock lists the products"))
            .available();
    throw new OrderException(
        HttpStatus.CONFLICT,
        "Not enough stock for sku '" + item.sku() + "': " + item.quantity() + " requested, "
            + available + " available");
  }

  /**
   * Returns the order with its items and recorded emails.
   *
   * @throws OrderException with 404 if no order has this id
   */
  @Transactional(readOnly = true)
  public OrderView view(String id) {
    OrderRow row =
        orders
            .findById(id)
            .orElseThrow(() -> new OrderException(HttpStatus.NOT_FOUND, "No order with id '" + id + "'"));
    return new OrderView(
        row.id(),
        row.status(),
        row.customerEmail(),
        row.amount(),
        row.paymentId(),
        row.refundAmount(),
        row.refundReason(),
        orders.items(id),
        orders.emails(id));
  }

  /** Returns every product's stock level. */
  @Transactional(readOnly = true)
  public List<Orders.StockLevel> stock() {
    return orders.allStock();
  }

  private static void validate(CreateOrderRequest request) {
    if (request.customerEmail() == null
        || request.customerEmail().length() > MAX_EMAIL_LENGTH
        || !EMAIL.matcher(request.customerEmail()).matches()) {
      throw invalid("customer_email must be an email address such as ada@example.com");
    }
    if (request.amount() == null || request.amount() <= 0) {
      throw invalid("amount must be a positive number of minor units, such as 2500 for 25.00");
    }
    if (request.items() == null || request.items().isEmpty() || request.items().size() > MAX_ITEMS) {
      throw invalid("items must list 1 to " + MAX_ITEMS + " products as {\"sku\": ..., \"quantity\": ...}");
    }
    if (request.paymentId() != null
        && (request.paymentId().isBlank() || request.paymentId().length() > MAX_PAYMENT_ID_LENGTH)) {
      throw invalid("payment_id must be 1 to " + MAX_PAYMENT_ID_LENGTH + " characters when given");
    }
    Set<String> skus = new HashSet<>();
    for (Item item : request.items()) {
      if (item == null || item.sku() == null || item.sku().isBlank()) {
        throw invalid("every item needs a sku");
      }
      if (item.quantity() <= 0) {
        throw invalid("quantity of sku '" + item.sku() + "' must be positive, was " + item.quantity());
      }
      if (!skus.add(item.sku())) {
        throw invalid("sku '" + item.sku() + "' is listed twice; give one line per product");
      }
    }
  }

  private static OrderException invalid(String message) {
    return new OrderException(HttpStatus.BAD_REQUEST, "Invalid order: " + message);
  }
}
