-- Enrichment's work: each alert normalization stored, written in normalization's own transaction, until its
-- indicators have what the providers can say of them. The first pass hands the alert to routing (enriched_at); a
-- later one adds what came late or waited for quota, most severe alerts first.
CREATE TABLE alert_enrich (
    alert_id        uuid        PRIMARY KEY,
    severity_rank   smallint    NOT NULL,
    queued_at       timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    lease_until     timestamptz,
    lease_token     uuid,
    enriched_at     timestamptz,
    done_at         timestamptz,
    status          text
);

CREATE INDEX alert_enrich_due ON alert_enrich (severity_rank DESC, next_attempt_at) WHERE done_at IS NULL;
ALTER TABLE alert_enrich SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02,
                              fillfactor = 85);
