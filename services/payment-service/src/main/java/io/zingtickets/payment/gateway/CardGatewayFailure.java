package io.zingtickets.payment.gateway;

/**
 * The card gateway could not authorize (an outage, not the customer's card). Logged at ERROR with
 * where it surfaced, so an operator finds it by {@code log.level:ERROR} and the error-log alert counts
 * it; the payment itself still fails cleanly with {@code gateway_error}.
 */
public class CardGatewayFailure extends RuntimeException {

    public CardGatewayFailure(String bookingId) {
        super("card gateway answered gateway_error for booking " + bookingId);
    }
}
