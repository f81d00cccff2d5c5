package io.zingtickets.payment.gateway;

import io.zingmonitor.Sensitive;

/** What the gateway needs to authorize one charge. */
public record AuthorizationRequest(long amountCents, String currency, @Sensitive String cardToken, String cardLast4) {
}
