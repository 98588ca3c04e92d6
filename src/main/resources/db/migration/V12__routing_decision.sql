-- What routing decided for each alert, beside the deliveries it wrote: the reason a rule gave for sending the alert
-- nowhere (null when none suppressed it), and the names of the rules that matched it, comma-joined (null when none
-- did and routing.default applied). Both are written when the alert is marked routed.
ALTER TABLE alert_route
    ADD COLUMN suppressed text,
    ADD COLUMN matched    text;
