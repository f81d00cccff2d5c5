-- Seat inventory lives on the event row: reserving seats is one conditional UPDATE, so concurrent
-- buyers serialize on that row and can never oversell (seats_left never goes below zero).
CREATE TABLE events (
    id          BIGINT PRIMARY KEY,
    name        TEXT        NOT NULL,
    venue       TEXT        NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    price_cents BIGINT      NOT NULL CHECK (price_cents >= 0),
    currency    CHAR(3)     NOT NULL,
    capacity    INT         NOT NULL CHECK (capacity > 0),
    seats_left  INT         NOT NULL CHECK (seats_left >= 0 AND seats_left <= capacity)
);

-- The card is kept only as a token and its last four digits; the number and CVC never reach a row.
CREATE TABLE bookings (
    id             UUID PRIMARY KEY,
    event_id       BIGINT      NOT NULL REFERENCES events (id),
    seats          INT         NOT NULL CHECK (seats > 0),
    status         TEXT        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'FAILED')),
    amount_cents   BIGINT      NOT NULL,
    currency       CHAR(3)     NOT NULL,
    buyer_email    TEXT        NOT NULL,
    card_token     TEXT        NOT NULL,
    card_last4     CHAR(4)     NOT NULL,
    failure_reason TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX bookings_event_id ON bookings (event_id);
