-- The generated admin token is kept as its SHA-256 digest: the gateway only compares tokens, so it never needs
-- the token itself, and a copy of the database no longer opens the admin API.
ALTER TABLE generated_secret DROP CONSTRAINT generated_secret_kind_check;
UPDATE generated_secret SET kind = 'token-sha256', value = encode(sha256(convert_to(value, 'UTF8')), 'hex')
WHERE source = '_admin' AND kind = 'token';
ALTER TABLE generated_secret ADD CONSTRAINT generated_secret_kind_check
    CHECK (kind IN ('hmac', 'token', 'token-sha256'));
