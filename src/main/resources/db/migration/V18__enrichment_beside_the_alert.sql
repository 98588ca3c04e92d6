-- An alert's enrichment is kept in its enrichment row rather than written into its document: rewriting the alert
-- row (its document carries the vendor's raw object) for every enriched alert was the largest statement time of
-- the enrichment benchmark (docs/benchmarks.md). The normalized document stays as normalization wrote it, and
-- the alert's readers (StoredAlerts) add the enrichment to it. Alerts enriched before this carry it in their
-- document and have none here.
ALTER TABLE alert_enrich ADD COLUMN enrichment text;
