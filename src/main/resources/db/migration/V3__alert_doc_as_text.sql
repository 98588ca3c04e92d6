-- Throughput (docs/benchmarks.md): two checks on every alert row cost more than the rest of its insert.
--  * The document becomes text. It is written only by the gateway, from Jackson, so it is valid JSON by
--    construction; PostgreSQL's json type re-parsed each 2.5 KB document on insert (17 µs of 28 per row).
--    Readers that want operators cast it: doc::json->>'title'.
--  * The foreign key to inbound_event goes. The only writer inserts an event's alerts in the transaction that
--    holds the event's row lock, and events are never deleted; the check cost another 8-11 µs per row.
ALTER TABLE alert ALTER COLUMN doc TYPE text;
ALTER TABLE alert DROP CONSTRAINT alert_inbound_id_fkey;
