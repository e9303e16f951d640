package com.dberi.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Responds to {@code GET /orders/{id}} with the order's status as plain text, or 404. */
final class OrderStatusServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient OrderBook orders;

  OrderStatusServlet(OrderBook orders) {
    this.orders = orders;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String pathInfo = request.getPathInfo();
    String orderId = pathInfo == null ? "" : pathInfo.substring(1);
    response.setContentType("text/plain");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var status = orders.status(orderId);
    if (status.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.getWriter().println("no event has named this order yet");
      return;
    }
    response.getWriter().println(status.get());
  }
}
