-- What the admin API's figures read, each a range of an index rather than a scan of all history (the other figures
-- are ranges of the work tables' time-ordered keys, which need nothing new):
--  * deliveries by when they finished, for each destination's delivered and dead of the last minute and hour. Only
--    finished rows are in it, so a lease or a retry (the updates under load) adds no entry;
--  * attempts by when they started, for the failed ones. The log is only ever appended to, in time order, so a
--    block range index is enough: a few pages, next to nothing added per attempt.
CREATE INDEX delivery_finished ON delivery (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX delivery_attempt_started ON delivery_attempt USING brin (started_at) WITH (autosummarize = on);
