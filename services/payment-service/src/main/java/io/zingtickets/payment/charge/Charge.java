package io.zingtickets.payment.charge;

import io.zingmonitor.Sensitive;

/** What to charge for one booking: the amount and the card, as a token plus its last four digits. */
public record Charge(long amountCents, String currency, @Sensitive String cardToken, String cardLast4) {
}
