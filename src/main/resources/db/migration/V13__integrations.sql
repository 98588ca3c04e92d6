-- Destinations saved through the admin API (the integration endpoints), shared by every instance on this
-- database. Secret fields are sealed with the master key (AES-GCM) before they are written; each write takes a new
-- version, so an instance sees that something changed by reading one number.
CREATE SEQUENCE destination_config_version;

CREATE TABLE destination_config (
    name       text        COLLATE "C" PRIMARY KEY,
    type       text        NOT NULL,
    enabled    boolean     NOT NULL,
    settings   jsonb       NOT NULL,
    version    bigint      NOT NULL DEFAULT nextval('destination_config_version'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- An integration endpoint's request (create-ticket, send-alert, ...) is a delivery too, with the same retries,
-- breaker and attempt log, but no stored alert: what it carries is kept with it.
ALTER TABLE delivery ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE delivery ADD COLUMN action text;
ALTER TABLE delivery ADD COLUMN request jsonb;
ALTER TABLE delivery ADD CONSTRAINT delivery_has_subject CHECK (alert_id IS NOT NULL OR request IS NOT NULL);
