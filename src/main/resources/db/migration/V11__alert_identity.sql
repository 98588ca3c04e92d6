-- An alert keeps its id when its event is reprocessed: reprocessing notes each alert's id by its place in the
-- event before the alerts are replaced, and normalization gives the new alert at that place the same id (the note
-- stays, for the next reprocessing). Later
-- stages' rows (routing, deliveries) name alerts by id, so they stay valid, and a destination never hears of a
-- second alert where there is one.
CREATE TABLE alert_identity (
    inbound_id uuid    NOT NULL,
    ordinal    integer NOT NULL,
    alert_id   uuid    NOT NULL,
    PRIMARY KEY (inbound_id, ordinal)
);
