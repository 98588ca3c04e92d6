-- Normalized alerts: one inbound event gives one or more. The document is kept as json (text): it holds the
-- vendor's raw object untouched, which jsonb could not store if it contained a \u0000 escape.
CREATE TABLE alert (
    id              uuid        PRIMARY KEY,
    inbound_id      uuid        NOT NULL REFERENCES inbound_event (id),
    ordinal         integer     NOT NULL,
    source          text        COLLATE "C" NOT NULL,
    severity        text        NOT NULL,
    status          text        NOT NULL,
    correlation_key text        COLLATE "C" NOT NULL,
    occurred_at     timestamptz NOT NULL,
    doc             json        NOT NULL,
    -- Processing an event twice would insert its alerts twice: the database itself forbids it.
    CONSTRAINT alert_once UNIQUE (inbound_id, ordinal)
);
CREATE INDEX alert_correlation ON alert (correlation_key);

ALTER TABLE inbound_event ADD COLUMN processed_at timestamptz;
