-- Sentinel's migration 0002, reconstructed from Sentinel's schema page and FACTS.md.
alter table incidents add column if not exists approved_by text;
alter table incidents add column if not exists fingerprint text;

create unique index if not exists uniq_incidents_active_fingerprint on incidents(fingerprint)
    where fingerprint is not null and status not in ('resolved', 'failed');
