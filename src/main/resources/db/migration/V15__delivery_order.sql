-- The order of an incident's deliveries at a destination: a resolve must never overtake its trigger. Delivery ids
-- are time-ordered, but not within one millisecond (their low bits are random) nor across instances whose clocks
-- differ; a sequence taken as each row is inserted is, since routing inserts an incident's deliveries in order,
-- under the incident's lock.
ALTER TABLE delivery ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX delivery_incident;
CREATE INDEX delivery_incident ON delivery (idempotency_key, destination, seq);
