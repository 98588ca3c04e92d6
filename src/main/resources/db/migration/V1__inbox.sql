-- Every webhook the gateway acknowledged, byte for byte. Later stages read from here, never from memory.
CREATE TABLE inbound_event (
    id           uuid        PRIMARY KEY,
    -- Identifiers, compared byte for byte: "C" makes every unique-index probe a memcmp, not a locale-aware compare.
    source       text        COLLATE "C" NOT NULL,
    dedup_key    text        COLLATE "C" NOT NULL,
    body         bytea       NOT NULL,
    body_sha256  bytea       NOT NULL,
    headers      jsonb       NOT NULL,
    remote_addr  text,
    received_at  timestamptz NOT NULL,
    status       text        NOT NULL DEFAULT 'received',
    error        text,
    CONSTRAINT inbound_event_dedup UNIQUE (source, dedup_key),
    CONSTRAINT inbound_event_status CHECK (status IN ('received', 'processing', 'processed', 'failed'))
);

-- The recovery sweep looks for what was received but not processed.
CREATE INDEX inbound_event_pending ON inbound_event (received_at) WHERE status = 'received';

-- Ingest secrets the gateway generated on its first start, for sources the configuration left without any.
CREATE TABLE generated_secret (
    source      text        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('hmac', 'token')),
    value       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
