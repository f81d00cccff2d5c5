-- One row per booking. The primary key is what makes a redelivered booking.requested harmless:
-- the attempt is claimed here before the gateway is called, and a repeat finds the claim.
CREATE TABLE payments (
    booking_id     uuid        PRIMARY KEY,
    status         text        NOT NULL,
    amount_cents   bigint      NOT NULL,
    currency       char(3)     NOT NULL,
    card_last4     char(4)     NOT NULL,
    payment_id     text,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    processed_at   timestamptz,
    CONSTRAINT payments_status_has_its_fields CHECK (
        (status = 'PENDING'   AND processed_at IS NULL)
     OR (status = 'COMPLETED' AND payment_id IS NOT NULL AND processed_at IS NOT NULL)
     OR (status = 'FAILED'    AND failure_reason IN ('card_declined', 'gateway_error') AND processed_at IS NOT NULL)
    )
);
