-- Routing's work: each alert normalization stored, written in normalization's own transaction, until the route
-- stage has written its deliveries (or recorded why it could not).
CREATE TABLE alert_route (
    alert_id   uuid        PRIMARY KEY,
    queued_at  timestamptz NOT NULL DEFAULT now(),
    routed_at  timestamptz,
    error      text
);

CREATE INDEX alert_route_pending ON alert_route (queued_at) WHERE routed_at IS NULL;
