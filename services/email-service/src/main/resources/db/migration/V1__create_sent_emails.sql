-- One row per booking: the claim a sender takes before talking to SMTP, then the record that the
-- email went out. It holds no address or content, so it holds no personal data.
CREATE TABLE sent_emails (
    booking_id  uuid        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('CONFIRMATION', 'FAILURE_NOTICE')),
    status      text        NOT NULL CHECK (status IN ('SENDING', 'SENT', 'REJECTED')),
    -- Changes when a claim is taken over; only its holder may finish or release the claim.
    claim_token uuid        NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    attempts    integer     NOT NULL DEFAULT 1,
    sent_at     timestamptz,
    -- The SMTP reply code when the server refused the email for good (its text may quote the address).
    rejection_code integer,
    CONSTRAINT sent_emails_sent_has_time CHECK (status <> 'SENT' OR sent_at IS NOT NULL)
);
