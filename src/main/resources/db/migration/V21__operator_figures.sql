-- What the admin API's figures and bulk replay read, each a range of an index rather than a scan of all history
-- (the other figures are ranges of the work tables' time-ordered keys, which need nothing new). Each is partial, so
-- the common write adds nothing to it:
--  * deliveries by when they finished, for each destination's delivered and dead of the last minute and hour. A
--    lease or a retry (the updates under load) leaves a delivery unfinished, and out of it;
--  * failed attempts by when they started, for each destination's failures. A delivered attempt is not in it;
--  * the dead letters, which bulk replay and the dead-letter listing look for among every delivery ever made. A
--    delivery enters it only when it goes dead, and leaves it when replayed.
-- A block range index over every attempt was tried for the second: its ranges are summarized by autovacuum, and
-- until then each is read whole, so a month of fresh history was read to count an hour's failures.
CREATE INDEX delivery_finished ON delivery (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX delivery_attempt_failed ON delivery_attempt (started_at) WHERE result <> 'delivered';
CREATE INDEX delivery_dead ON delivery (id) WHERE status = 'dead';
