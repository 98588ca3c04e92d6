-- The integration registry names each destination for people: its id stays the name routing rules and deliveries
-- use, and display_name is what an operator called it. Null where it was saved through the per-type endpoints
-- (or before the registry): it shows its id.
ALTER TABLE destination_config ADD COLUMN display_name text;
