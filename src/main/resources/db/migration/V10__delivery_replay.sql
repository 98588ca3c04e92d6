-- A replayed delivery gets its retries anew while its attempts keep counting, so that its attempt log stays one
-- numbered list: the retry budget counts from this attempt on.
ALTER TABLE delivery ADD COLUMN retries_from integer NOT NULL DEFAULT 0;
