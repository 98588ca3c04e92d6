-- Every write made through the admin API by a token it accepted, whatever came of it: who (the token's id and role,
-- never the token), what (method, path, the target's id) and the answer's status. Never a body, and of the query
-- string only the parameters' names: bodies and values may hold secrets. Written after the answer was sent.
CREATE TABLE admin_audit (
    id           uuid        PRIMARY KEY,
    at           timestamptz NOT NULL,
    token_id     text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('viewer', 'admin')),
    method       text        NOT NULL,
    path         text        NOT NULL,
    query_params jsonb       NOT NULL,
    -- Null when the connection closed before an answer was sent.
    status       integer,
    target_id    text
);
-- The audit's listing filtered by token, newest first.
CREATE INDEX admin_audit_token ON admin_audit (token_id, id);
