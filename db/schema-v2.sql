-- Sentinel's migration 20260420_schema_v2.sql as the team's Supabase install has it, on top of
-- 0001 + 0002, reconstructed from FACTS.md ("The team's real install"). Not one of db/migrations:
-- the test suite applies it to the databases that stand for that install, and the demo runs on it.
-- Safe to run again.
set client_min_messages = warning;

-- Supabase's role for signed-in dashboard users; a plain PostgreSQL has none. Roles belong to the
-- whole cluster, and two databases may be set up at once: a role created meanwhile is fine.
do $$
begin
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin;
    end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- v2 renamed container_name to target; installs that still have container_name get it renamed.
do $$
begin
    if exists (select from information_schema.columns
               where table_name = 'incidents' and column_name = 'container_name' and table_schema = current_schema())
       and not exists (select from information_schema.columns
               where table_name = 'incidents' and column_name = 'target' and table_schema = current_schema()) then
        alter table incidents rename column container_name to target;
    end if;
end $$;
alter table incidents alter column container_runtime set default 'docker';

-- Every update of a row moves updated_at, whoever writes it.
create or replace function set_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at = now();
    return new;
end $$;
drop trigger if exists incidents_set_updated_at on incidents;
create trigger incidents_set_updated_at before update on incidents
    for each row execute function set_updated_at();

-- Row-level security with the dashboard's one policy: any other role without BYPASSRLS and
-- without a policy of its own sees no incident and updates none, with no error at all.
alter table incidents enable row level security;
drop policy if exists "Usuarios autenticados pueden ver incidentes" on incidents;
create policy "Usuarios autenticados pueden ver incidentes" on incidents
    for select to authenticated using (true);
