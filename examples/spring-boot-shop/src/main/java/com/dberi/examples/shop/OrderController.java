package com.dberi.examples.shop;

import com.dberi.examples.shop.OrderService.CreateOrderRequest;
import com.dberi.examples.shop.OrderService.OrderView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The shop's JSON API: create an order, read an order, list the stock. */
@RestController
public class OrderController {

  private final OrderService service;

  OrderController(OrderService service) {
    this.service = service;
  }

  /** Creates an order and responds with 201, the order and its location. */
  @PostMapping("/orders")
  public ResponseEntity<OrderView> create(@RequestBody CreateOrderRequest request) {
    OrderView order = service.create(request);
    return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
  }

  /** Returns the order's status, payment, refund and recorded emails. */
  @GetMapping("/orders/{id}")
  public OrderView get(@PathVariable String id) {
    return service.view(id);
  }

  /** Returns every product's available and reserved stock. */
  @GetMapping("/stock")
  public List<Orders.StockLevel> stock() {
    return service.stock();
  }

  @ExceptionHandler(OrderException.class)
  ResponseEntity<Map<String, String>> orderFailed(OrderException e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body(Map.of("error", "Invalid order: the body is not the expected JSON object"));
  }
}
