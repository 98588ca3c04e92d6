-- Threat-intelligence lookups, shared by every instance: an indicator looked up once is not looked up again until
-- its answer expires, whichever instance asks. The key is the provider's own spelling of the indicator.
CREATE TABLE enrichment_cache (
    provider     text        NOT NULL,
    kind         text        NOT NULL,
    value        text        NOT NULL,
    outcome      text        NOT NULL,
    result       jsonb       NOT NULL,
    looked_up_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (provider, kind, value)
);
-- Expired answers are never read (reads ask for expires_at in the future) and are purged in batches by this index.
CREATE INDEX enrichment_cache_expiry ON enrichment_cache (expires_at);

-- Each provider's quota, one row per provider so that one row lock makes taking from both windows atomic across
-- instances. A window's count belongs to the window that starts at its *_start; a take in a later window starts it
-- again. paused_until is the provider's own word (429, Retry-After, X-RateLimit-Reset): kept here, a daily
-- exhaustion outlives a restart.
CREATE TABLE enrichment_quota (
    provider     text        PRIMARY KEY,
    minute_start timestamptz NOT NULL,
    minute_used  integer     NOT NULL CHECK (minute_used >= 0),
    day_start    timestamptz NOT NULL,
    day_used     integer     NOT NULL CHECK (day_used >= 0),
    paused_until timestamptz,
    pause_reason text
);
