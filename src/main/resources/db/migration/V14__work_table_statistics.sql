-- The work tables are queues: rows arrive by the thousand a second and are updated once or twice soon after. Their
-- statistics must follow them (a plan made when a table was empty scans it whole once it holds a storm), and their
-- dead row versions must be cleared before the claims' index scans wade through them: analyze and vacuum after 2 %
-- of changed rows (50 at least) rather than the default 10 % and 20 %. Room left in each page lets an update that
-- changes no indexed column (a delivery's lease) stay on its page, without new index entries.
ALTER TABLE inbound_state SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02,
                               fillfactor = 85);
ALTER TABLE alert_route SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02,
                             fillfactor = 85);
ALTER TABLE delivery SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02,
                          fillfactor = 75);
ALTER TABLE alert SET (autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE delivery_attempt SET (autovacuum_analyze_scale_factor = 0.02);
