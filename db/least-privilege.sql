-- The database role sentinel-report needs, and nothing more: read incidents and their events,
-- write the two post-mortem columns of resolved incidents. Run it as an administrator:
--
--     psql "$ADMIN_DATABASE_URL" -v ON_ERROR_STOP=1 -f db/least-privilege.sql
--
-- then set the password yourself (alter role sentinel_report password '…'). Safe to run again,
-- and the same on an install with or without row-level security: the policies below do nothing
-- where it is off, and where it is on (Sentinel's schema v2 enables it with a policy for the
-- dashboard's users only) they are what lets this role see and update any row at all.
set client_min_messages = warning;
begin;

-- Roles belong to the whole cluster: one made meanwhile by another session is fine.
do $$
begin
    if not exists (select from pg_roles where rolname = 'sentinel_report') then
        create role sentinel_report login;
    end if;
exception when duplicate_object or unique_violation then null;
end $$;

grant usage on schema public to sentinel_report;
grant select on incidents, incident_events to sentinel_report;
grant update (post_mortem_md, post_mortem_updated_at) on incidents to sentinel_report;

-- Earlier versions of this file also granted updated_at, which Sentinel's dashboard measures MTTR
-- with: sentinel-report no longer writes it.
do $$
begin
    if exists (select from information_schema.column_privileges
               where grantee = 'sentinel_report' and table_name = 'incidents'
                 and column_name = 'updated_at' and privilege_type = 'UPDATE') then
        revoke update (updated_at) on incidents from sentinel_report;
    end if;
end $$;

-- Row-level security: read every incident and event; update resolved incidents only.
drop policy if exists sentinel_report_read on incidents;
create policy sentinel_report_read on incidents for select to sentinel_report using (true);
drop policy if exists sentinel_report_write_resolved on incidents;
create policy sentinel_report_write_resolved on incidents for update to sentinel_report
    using (status = 'resolved') with check (status = 'resolved');
drop policy if exists sentinel_report_read on incident_events;
create policy sentinel_report_read on incident_events for select to sentinel_report using (true);

commit;
