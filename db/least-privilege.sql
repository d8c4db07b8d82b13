-- The database role sentinel-report needs, and nothing more: read incidents and their events,
-- write the three post-mortem columns. Run as an administrator; set the password yourself.
create role sentinel_report login;
grant usage on schema public to sentinel_report;
grant select on incidents, incident_events to sentinel_report;
grant update (post_mortem_md, post_mortem_updated_at, updated_at) on incidents to sentinel_report;
