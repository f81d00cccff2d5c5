-- A booking that booking-service's reconciler gave up on (no payment claimed by its deadline) is recorded
-- here as ABANDONED under the same primary key, in the same statement that looks it up. A booking.requested
-- that arrives later finds the row, so it can never be charged; it has no amount, currency nor card.
ALTER TABLE payments
    ALTER COLUMN amount_cents DROP NOT NULL,
    ALTER COLUMN currency DROP NOT NULL,
    ALTER COLUMN card_last4 DROP NOT NULL,
    DROP CONSTRAINT payments_status_has_its_fields,
    ADD CONSTRAINT payments_status_has_its_fields CHECK (
        (status = 'ABANDONED' AND payment_id IS NULL AND processed_at IS NOT NULL)
     OR (status <> 'ABANDONED' AND amount_cents IS NOT NULL AND currency IS NOT NULL AND card_last4 IS NOT NULL AND (
            (status = 'PENDING'   AND processed_at IS NULL)
         OR (status = 'COMPLETED' AND payment_id IS NOT NULL AND processed_at IS NOT NULL)
         OR (status = 'FAILED'    AND failure_reason IN ('card_declined', 'gateway_error') AND processed_at IS NOT NULL)))
    );
