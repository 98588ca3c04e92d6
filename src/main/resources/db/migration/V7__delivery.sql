-- The relay's work: one row per (alert, destination), written when the alert is routed, and the log of every
-- attempt made for it. The delivery stage leases rows (lease_until, lease_token) while it calls the destination,
-- outside any transaction, and writes the outcome only where its token still holds.
CREATE TABLE delivery (
    id               uuid        PRIMARY KEY,   -- also the webhook-id a receiver sees, the same on every attempt
    alert_id         uuid        NOT NULL,
    destination      text        COLLATE "C" NOT NULL,
    -- Fixed when the row is written, never computed again: what the destination de-duplicates on.
    idempotency_key  text        COLLATE "C" NOT NULL,
    event_type       text        NOT NULL CHECK (event_type IN ('created', 'updated', 'resolved')),
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'retrying', 'delivered', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    first_attempt_at timestamptz,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    lease_token      uuid,
    last_status      integer,
    last_error       text,
    external_ref     text,
    finished_at      timestamptz,
    -- A destination gets an alert once, however often it is routed: a reprocessed event opens no second incident.
    CONSTRAINT delivery_once UNIQUE (alert_id, destination)
);

-- What is due, in the order the sweeper takes it.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('pending', 'retrying');

CREATE TABLE delivery_attempt (
    delivery_id  uuid        NOT NULL,
    attempt      integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  integer     NOT NULL,
    result       text        NOT NULL CHECK (result IN ('delivered', 'retryable', 'permanent')),
    status       integer,                        -- the destination's HTTP status; null when no answer came
    error        text,
    request      text,                           -- method, redacted address, size: never a header or a token
    response     text,                           -- the start of the answer
    PRIMARY KEY (delivery_id, attempt)
);
