-- Sentinel's migration 0001, reconstructed from Sentinel's schema page and FACTS.md
-- (../shared/sentinel/). The tests and the demo run against this copy.
create extension if not exists pgcrypto;

create table if not exists incidents (
    id uuid primary key default gen_random_uuid(),
    title text not null,
    target text not null,
    severity text not null check (severity in ('critical', 'high', 'medium', 'low')),
    status text not null default 'detected' check (status in (
        'detected', 'investigating', 'analyzed', 'awaiting_approval',
        'executing_solution', 'verifying', 'resolved', 'failed')),
    source_type text not null default 'container' check (source_type in ('container', 'database', 'manual')),
    container_runtime text check (container_runtime in ('docker', 'podman', 'kubernetes')),
    incident_type text,
    logs text,
    server_name text,
    agent_reasoning text,
    proposed_action text,
    action_result text,
    action_error text,
    metrics_snapshot jsonb,
    post_mortem_md text,
    post_mortem_updated_at timestamptz,
    executed_at timestamptz,
    resolved_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz
);

create table if not exists incident_events (
    id uuid primary key default gen_random_uuid(),
    incident_id uuid not null references incidents(id) on delete cascade,
    status text not null,
    created_at timestamptz not null default now()
);

create index if not exists idx_incidents_status on incidents(status);
create index if not exists idx_incidents_target on incidents(target);
create index if not exists idx_incidents_created_at on incidents(created_at desc);
create index if not exists idx_incident_events_incident on incident_events(incident_id, created_at);

-- Supabase Realtime; a plain PostgreSQL has no such publication.
do $$
begin
    alter publication supabase_realtime add table incidents;
exception when undefined_object then
    null;
end
$$;
