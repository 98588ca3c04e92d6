-- Processing state moves out of inbound_event into a narrow table of its own. Marking an event processed used to
-- rewrite its whole row: 1.5 KB of body and headers, never in place (the status is in an index predicate), with
-- new entries in both of the event's indexes and a row lock on the same wide page before it. Now the event row is
-- written once and only ever read; the pipeline locks and updates a row of about 100 bytes.
-- Both rows of an event are inserted by one statement (InboxWriter), so every event has its state row.
CREATE TABLE inbound_state (
    id           uuid        PRIMARY KEY,
    source       text        COLLATE "C" NOT NULL,
    received_at  timestamptz NOT NULL,
    -- The body's size, so a claim can keep its batch within a byte budget without touching the event row.
    body_bytes   integer     NOT NULL,
    status       text        NOT NULL DEFAULT 'received',
    error        text,
    processed_at timestamptz,
    CONSTRAINT inbound_state_status CHECK (status IN ('received', 'processed', 'failed'))
);

INSERT INTO inbound_state (id, source, received_at, body_bytes, status, error, processed_at)
SELECT id, source, received_at, octet_length(body), CASE WHEN status = 'processing' THEN 'received' ELSE status END, error, processed_at
FROM inbound_event;

-- The recovery sweep looks for what was received but not processed, oldest first.
CREATE INDEX inbound_state_pending ON inbound_state (received_at) WHERE status = 'received';

DROP INDEX inbound_event_pending;
ALTER TABLE inbound_event
    DROP CONSTRAINT inbound_event_status,
    DROP COLUMN status,
    DROP COLUMN error,
    DROP COLUMN processed_at;
