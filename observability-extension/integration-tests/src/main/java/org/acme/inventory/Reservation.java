package org.acme.inventory;

/** Stock held for an order. */
public record Reservation(String sku, int quantity, int remaining) {
}
