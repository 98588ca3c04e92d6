-- Routing asks whether a destination already has an alert's incident, and delivery whether an earlier delivery of
-- that incident is still open there: both by incident key and destination, for every batch.
CREATE INDEX delivery_incident ON delivery (idempotency_key, destination);
