-- N synthetic Sentinel incidents for scripts/bench: psql -v n=20000 -f db/synthetic.sql
-- About 3/4 resolved, about 7 events each, up to 100 log lines, metrics per FACTS.md,
-- a few per cent hostile (markdown, HTML, secrets) or huge: one in 101 a 100 KB reasoning, one in
-- 33 logs of 150-200 KB as real ones have (many short lines, a long JSON line, credentials,
-- hostile text) and long command output.
begin;
insert into incidents (id, title, target, severity, status, source_type, container_runtime, incident_type,
    server_name, fingerprint, logs, agent_reasoning, proposed_action, action_result, action_error, approved_by,
    metrics_snapshot, executed_at, resolved_at, created_at, updated_at)
select
    ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
    case when n % 37 = 0 then '<script>alert(' || n || ')</script> | `svc` **down** [x](javascript:1)'
         else svc || ' ' || kind || ' #' || n end,
    svc, (array['critical', 'high', 'medium', 'low'])[1 + n % 4],
    case when n % 4 = 3 then (array['analyzed', 'failed', 'awaiting_approval'])[1 + n % 3] else 'resolved' end,
    case when n % 9 = 0 then 'database' else 'container' end,
    (array['docker', 'podman', 'kubernetes'])[1 + n % 3], kind, 'node-' || (n % 40),
    -- Active incidents need distinct fingerprints (uniq_incidents_active_fingerprint); resolved ones recur.
    case when n % 4 = 3 then 'fp-active-' || n else 'fp-' || svc || '-' || kind || '-' || (n % 300) end,
    case when n % 33 = 0 then
        (select string_agg(format('[2026-10-01 %s UTC] INFO %s worker=%s job=%s took %sms token_count=%s cache key=%s',
                                  to_char(timestamp '2026-10-01' + l * interval '1 second', 'HH24:MI:SS'), svc, l % 16,
                                  md5((n * 2000 + l)::text), (l * 37 + n) % 900, l % 7, l % 500), E'\n')
         from generate_series(1, 1200 + n % 400) l)
        || E'\n[2026-10-01 08:30:00 UTC] {"level":"error","svc":"' || svc || '","items":['
        || repeat('{"id":1234,"status":"failed","token_count":3,"user":"ana@example.com","secret":"db-creds"},', 400) || ']}'
        || E'\n[2026-10-01 08:30:01 UTC] docker run -e POSTGRES_PASSWORD=' || md5(n::text) || ' -e DB_USER=app postgres:15'
        || E'\n[2026-10-01 08:30:02 UTC] connecting to postgresql://app:' || md5((n + 1)::text) || '@db:5432/app'
        || E'\n[2026-10-01 08:30:03 UTC] <script>alert(1)</script> ``` | **not bold** | [x](javascript:1)'
        || E'\n' || (select string_agg(format('[2026-10-01 08:31:%s UTC] WARN retrying request_id=%s', lpad((l % 60)::text, 2, '0'),
                                               md5((n * 3000 + l)::text)), E'\n') from generate_series(1, 40) l)
    else
        (select string_agg(format('[2026-10-01 %s UTC] %s %s request_id=%s latency_ms=%s%s', to_char(timestamp '2026-10-01' + l * interval '3 second', 'HH24:MI:SS'),
                                  (array['INFO', 'WARN', 'ERROR'])[1 + (l + n) % 3], svc, md5((n * 100 + l)::text), (l * 37 + n) % 900,
                                  case when n % 53 = 0 and l = 5 then ' Authorization: Bearer ' || md5(n::text) else '' end), E'\n')
         from generate_series(1, 20 + n % 81) l)
    end,
    '## Clasificación inicial' || E'\n' || 'Incidente de ' || kind || ' en `' || svc || '`.' || E'\n\n' ||
    '## Causa Raíz' || E'\n' || 'Uso de memoria creciente tras el despliegue ' || (n % 50) || '.' || E'\n\n' ||
    '## Evidencia' || E'\n' || '- reinicios: ' || (n % 5) || E'\n- error: `OOMKilled`\n\n' ||
    '## Acciones Recomendadas' || E'\n' || 'Reiniciar el contenedor.' ||
    case when n % 101 = 0 then E'\n\n' || repeat('Detalle adicional del análisis. ', 3000) else '' end,
    'docker restart ' || svc,
    case when n % 33 = 0 then repeat('waiting for ' || svc || ' to stop: still running (sent SIGTERM)' || E'\n', 1500) || svc || E'\n'
         else svc || E'\n' end,
    case when n % 17 = 0 then 'warning: slow stop' else '' end,
    (array['ana.garcia@example.com', 'luis.perez@example.com', 'sre-oncall@example.com'])[1 + n % 3],
    case when n % 9 = 0 then jsonb_build_object('type', 'postgres', 'connections', n % 100, 'max_connections', 100,
            'conn_percent', n % 100, 'db_size_mb', 1000 + n % 5000, 'cache_hit_percent', 80 + (n % 200) / 10.0,
            'deadlocks_per_min', n % 3, 'longest_tx_sec', n % 2000)
         else jsonb_build_object('type', 'container', 'mem_usage_mb', 100 + n % 400, 'mem_limit_mb', 512,
            'mem_percent', round(((100 + n % 400) / 5.12)::numeric, 1), 'cpu_percent', round(((n * 13.37)::numeric % 180), 2),
            'net_in_kbps', n % 900, 'net_out_kbps', n % 700, 'restarts_1h', n % 4) end,
    timestamptz '2026-01-01' + n * interval '7 minute' + interval '9 minute',
    case when n % 4 = 3 then null else timestamptz '2026-01-01' + n * interval '7 minute' + interval '20 minute' end,
    timestamptz '2026-01-01' + n * interval '7 minute', null
from generate_series(1, :n) n,
    lateral (select (array['cart', 'catalog', 'pricing', 'shipping', 'ledger', 'gateway', 'auth', 'search'])[1 + n % 8] as svc,
                    (array['oom', 'high_cpu', 'app_crash', 'high_memory', 'connection_exhaustion'])[1 + n % 5] as kind) k;
insert into incident_events (incident_id, status, created_at)
select i.id, s, i.created_at + m * interval '1 minute'
from incidents i, (values ('detected', 0), ('investigating', 0.2), ('analyzed', 3), ('awaiting_approval', 3.1),
                          ('executing_solution', 9), ('verifying', 9.3), ('resolved', 20)) v(s, m)
where i.status = 'resolved' or v.m < 4;
commit;
-- As a table in use is: vacuumed (hint bits and visibility map set), so that the first run
-- measured does not pay for setting them, nor share the machine with autovacuum doing it.
vacuum analyze;
