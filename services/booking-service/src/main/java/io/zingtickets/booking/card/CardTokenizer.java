package io.zingtickets.booking.card;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reduces a card to what the rest of the system may see: a keyed hash (the same card gives the same
 * token, so payments can recognise it, but the number cannot be recovered) and the last four digits.
 */
@ApplicationScoped
public class CardTokenizer {

    public record TokenizedCard(String token, String last4) {
    }

    private final SecretKeySpec key;

    CardTokenizer(@ConfigProperty(name = "zingtickets.card.token-key") String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public TokenizedCard tokenize(CardDetails card) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(card.number().getBytes(StandardCharsets.US_ASCII));
            return new TokenizedCard("tok_" + HexFormat.of().formatHex(digest, 0, 16),
                    card.number().substring(card.number().length() - 4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
