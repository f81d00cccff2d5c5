-- Transactional outbox: an event is written in the same transaction as the state change it
-- announces, and a relay publishes it to Kafka afterwards and deletes it once the broker acknowledged.
-- A process that dies between commit and publish leaves its rows here, and the next relay run
-- publishes them: the event can be published twice (consumers are idempotent by booking id), never lost.
CREATE TABLE outbox (
    id          BIGSERIAL   PRIMARY KEY,
    topic       TEXT        NOT NULL,
    message_key TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    -- W3C trace context of the request that wrote the event, so the published record joins its trace.
    traceparent TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- The pending gauges and admission control count PENDING bookings and find the oldest one every
-- second; a partial index keeps that cheap however many settled bookings the table holds.
CREATE INDEX bookings_pending_created_at ON bookings (created_at) WHERE status = 'PENDING';
