package org.acme.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.zingmonitor.Observed;
import io.zingmonitor.ProblemException;
import io.zingmonitor.TelemetryAttribute;

/** Stock per SKU, in memory: the telemetry is the interesting part. */
@ApplicationScoped
public class Warehouse {

    private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("SKU-1", 10, "SKU-2", 0));

    public int level(String sku) {
        Integer level = stock.get(sku);
        if (level == null) {
            throw unknown(sku);
        }
        return level;
    }

    @Observed("stock.reserve")
    public synchronized Reservation reserve(@TelemetryAttribute("inventory.sku") String sku, ReservationRequest request) {
        int level = level(sku);
        if (level < request.quantity()) {
            throw new ProblemException(409, "out-of-stock", "Out of stock", "Only " + level + " left of " + sku + ".",
                    "quantity");
        }
        stock.put(sku, level - request.quantity());
        return new Reservation(sku, request.quantity(), level - request.quantity());
    }

    private static ProblemException unknown(String sku) {
        return new ProblemException(404, "unknown-sku", "Unknown SKU", "No stock is kept for " + sku + ".", "sku");
    }
}
