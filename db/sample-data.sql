-- Sample incidents for scripts/demo: every lifecycle path of ../shared/sentinel/FACTS.md,
-- gaps in the timelines, an earlier Spanish LLM post-mortem, and hostile text.
-- Times are fixed so the demo's output is the same on every run.
begin;

-- e(incident, status, minutes after t0): one timeline event.
create function pg_temp.e(incident uuid, status text, minutes numeric) returns void language sql as $$
    insert into incident_events (incident_id, status, created_at)
    values (incident, status, timestamptz '2026-10-01 08:00:00+00' + minutes * interval '1 minute')
$$;
-- t(minutes after t0)
create function pg_temp.t(minutes numeric) returns timestamptz language sql immutable as $$
    select timestamptz '2026-10-01 08:00:00+00' + minutes * interval '1 minute'
$$;

-- 1. Approved fix, every event recorded (docker, out of memory).
insert into incidents (id, title, target, severity, status, source_type, container_runtime, incident_type,
    server_name, fingerprint, logs, agent_reasoning, proposed_action, action_result, action_error, approved_by,
    metrics_snapshot, executed_at, resolved_at, created_at, updated_at)
values ('a0000000-0000-4000-8000-000000000001', 'payments-api out of memory', 'payments-api', 'critical',
    'resolved', 'container', 'docker', 'oom', 'node-eu-1', 'fp-payments-oom',
    E'[2026-10-01 07:56:12 UTC] INFO  GET /v1/charges 200 41ms\n[2026-10-01 07:58:40 UTC] WARN  heap usage 91%\n[2026-10-01 07:59:58 UTC] ERROR java.lang.OutOfMemoryError: Java heap space\n[2026-10-01 08:00:01 UTC] INFO  container exited with code 137',
    E'## Clasificación inicial\nIncidente de memoria en `payments-api`.\n\n## Investigación (agente `docker`)\nEl contenedor superó su límite de 512 MiB.\n\n## Causa Raíz\nFuga de memoria en la caché de tarifas tras el despliegue 4.2.0.\n\n## Evidencia\n- `OutOfMemoryError` a las 07:59:58\n- reinicios: 3 en 1h\n\n## Acciones Recomendadas\nReiniciar el contenedor y revisar la caché.\n\n## Verificación\n| Métrica | Antes | Después |\n|---|---|---|\n| mem_percent | 99.2 | 41.0 |',
    'docker restart payments-api', E'payments-api\n', '', 'ana.garcia@example.com',
    '{"type": "container", "mem_usage_mb": 508.1, "mem_limit_mb": 512, "mem_percent": 99.2, "cpu_percent": 143.75, "net_in_kbps": 120.4, "net_out_kbps": 98.1, "restarts_1h": 3}',
    pg_temp.t(21), pg_temp.t(29.5), pg_temp.t(0), pg_temp.t(29.5));
select pg_temp.e('a0000000-0000-4000-8000-000000000001', s, m) from (values
    ('detected', 0), ('investigating', 0.2), ('analyzed', 3.5), ('awaiting_approval', 3.6),
    ('executing_solution', 21), ('verifying', 21.3), ('resolved', 29.5)) v(s, m);

-- 2. Alertmanager resolved it on its own, with a resolved event.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, server_name,
    fingerprint, agent_reasoning, metrics_snapshot, resolved_at, created_at, updated_at)
values ('a0000000-0000-4000-8000-000000000002', 'checkout latency above SLO', 'checkout', 'high', 'resolved',
    'docker', 'high_latency', 'node-eu-2', 'fp-checkout-latency',
    E'## Causa Raíz\nPico de tráfico transitorio; sin acción necesaria.',
    '{"type": "container", "mem_usage_mb": 210.0, "mem_limit_mb": 1024, "mem_percent": 20.5, "cpu_percent": 92.4, "net_in_kbps": 3120.7, "net_out_kbps": 2890.2, "restarts_1h": 0}',
    pg_temp.t(60 + 14), pg_temp.t(60), pg_temp.t(60 + 14));
select pg_temp.e('a0000000-0000-4000-8000-000000000002', s, 60 + m) from (values
    ('detected', 0), ('investigating', 0.1), ('analyzed', 2.8), ('resolved', 14)) v(s, m);

-- 3. Alertmanager resolved it, no resolved event (only resolved_at).
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, fingerprint,
    resolved_at, created_at)
values ('a0000000-0000-4000-8000-000000000003', 'search-indexer restarting', 'search-indexer', 'medium',
    'resolved', 'podman', 'app_crash', 'fp-indexer-crash', pg_temp.t(120 + 6), pg_temp.t(120));
select pg_temp.e('a0000000-0000-4000-8000-000000000003', s, 120 + m) from (values
    ('detected', 0), ('investigating', 0.3), ('analyzed', 2)) v(s, m);

-- 4. Postponed, then approved by someone else.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, server_name,
    proposed_action, action_result, action_error, approved_by, metrics_snapshot, executed_at, resolved_at,
    created_at, agent_reasoning)
values ('a0000000-0000-4000-8000-000000000004', 'orders-worker stuck consuming queue', 'orders-worker', 'high',
    'resolved', 'docker', 'app_crash', 'node-eu-1', 'docker restart orders-worker', E'orders-worker\n', null,
    'luis.perez@example.com',
    '{"type": "container", "mem_usage_mb": 300, "mem_limit_mb": 512, "mem_percent": 58.6, "cpu_percent": 0.02, "restarts_1h": 0}',
    pg_temp.t(240 + 95), pg_temp.t(240 + 104), pg_temp.t(240),
    E'## Causa Raíz\nEl consumidor quedó bloqueado esperando un lock de Redis.');
select pg_temp.e('a0000000-0000-4000-8000-000000000004', s, 240 + m) from (values
    ('detected', 0), ('investigating', 0.2), ('analyzed', 4), ('awaiting_approval', 4.1), ('analyzed', 30),
    ('awaiting_approval', 80), ('executing_solution', 95), ('verifying', 95.4), ('resolved', 104)) v(s, m);

-- 5. The command failed; resolved later by hand (PATCH: resolved_at, no event).
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, proposed_action,
    action_result, action_error, approved_by, executed_at, resolved_at, created_at)
values ('a0000000-0000-4000-8000-000000000005', 'billing-db-proxy refusing connections', 'billing-db-proxy',
    'critical', 'resolved', 'kubernetes', 'app_crash', 'kubectl rollout restart deployment/billing-db-proxy', '',
    E'error: deployments.apps "billing-db-proxy" is forbidden: User "sentinel" cannot patch resource',
    'sre-oncall@example.com', pg_temp.t(360 + 12), pg_temp.t(360 + 55), pg_temp.t(360));
select pg_temp.e('a0000000-0000-4000-8000-000000000005', s, 360 + m) from (values
    ('detected', 0), ('investigating', 0.2), ('analyzed', 3), ('awaiting_approval', 3.1),
    ('executing_solution', 12), ('failed', 12.2)) v(s, m);

-- 6. Reported by hand, resolved by PATCH: no events at all.
insert into incidents (id, title, target, severity, status, source_type, logs, resolved_at, created_at)
values ('a0000000-0000-4000-8000-000000000006', 'Customers report missing invoice e-mails', 'mailer',
    'medium', 'resolved', 'manual',
    E'Reported by support: since about 09:00 customers receive no invoice e-mails.\nSMTP relay credentials were rotated yesterday.',
    pg_temp.t(480 + 190), pg_temp.t(480));

-- 7. Rejected (executed_at records the rejection), then resolved by PATCH.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, proposed_action,
    action_error, approved_by, executed_at, resolved_at, created_at)
values ('a0000000-0000-4000-8000-000000000007', 'cache cluster evicting hot keys', 'redis-cache', 'low',
    'resolved', 'docker', 'high_memory', 'docker restart redis-cache',
    '[RECHAZADO] Reiniciar vacía la caché en hora punta; se amplía la memoria en la ventana de esta noche.',
    'marta.ruiz@example.com', pg_temp.t(600 + 9), pg_temp.t(600 + 600), pg_temp.t(600));
select pg_temp.e('a0000000-0000-4000-8000-000000000007', s, 600 + m) from (values
    ('detected', 0), ('investigating', 0.1), ('analyzed', 3), ('awaiting_approval', 3.2), ('failed', 9)) v(s, m);

-- 8. Hostile text everywhere, odd metrics, duplicated and out-of-range events.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, server_name,
    logs, agent_reasoning, proposed_action, action_result, action_error, approved_by, metrics_snapshot,
    executed_at, resolved_at, created_at)
values ('a0000000-0000-4000-8000-000000000008',
    E'<script>alert("x")</script> | api ``gateway`` **down** [click](javascript:alert(1)) <img src=x onerror=alert(2)>',
    E'gw|edge\n# not a heading', 'critical', 'resolved', 'kubernetes', E'crash_loop', E'node-\u202Eevil',
    E'[2026-10-01 18:00:00 UTC] ```\n[2026-10-01 18:00:01 UTC] </code></pre><script>alert(3)</script>\n[2026-10-01 18:00:02 UTC] ~~~\n[2026-10-01 18:00:03 UTC] Authorization: Bearer eyJhbGciOi.fake.token 🔥 مرحبا',
    E'## Causa Raíz\nUnbalanced fence follows:\n```\n<script>alert(4)</script>',
    E'kubectl delete pod api-gateway-0 && echo ``` done',
    E'pod "api-gateway-0" deleted\n\u001b[31mred\u001b[0m', null, E'<b>admin</b>@example.com',
    '{"type": "kubernetes", "ready": false, "running": true, "restarts_total": 17, "mem_percent": 1e2, "labels": {"app": "gw|<x>", "tier": ["edge", null]}, "note": "line1\nline2"}',
    pg_temp.t(720 + 20), pg_temp.t(720 + 30), pg_temp.t(720));
select pg_temp.e('a0000000-0000-4000-8000-000000000008', s, 720 + m) from (values
    ('investigating', -1), ('detected', 0), ('investigating', 0.5), ('investigating', 0.5), ('analyzed', 2),
    ('awaiting_approval', 2.5), ('executing_solution', 20), ('verifying', 20.5), ('resolved', 30),
    ('verifying', 31)) v(s, m);

-- 9. Already has Sentinel's Spanish LLM post-mortem: kept as written.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, proposed_action,
    action_result, approved_by, executed_at, resolved_at, created_at, post_mortem_md, post_mortem_updated_at)
values ('a0000000-0000-4000-8000-000000000009', 'auth-service high CPU', 'auth-service', 'high', 'resolved',
    'docker', 'high_cpu', 'docker restart auth-service', E'auth-service\n', 'ana.garcia@example.com',
    pg_temp.t(840 + 10), pg_temp.t(840 + 18), pg_temp.t(840),
    E'# Post-Mortem: auth-service high CPU\n\n## Resumen\nEl servicio de autenticación consumió CPU al 100 %.\n\n## Causa Raíz\nBucle en la validación de tokens.\n\n## Cronología\n- 22:00 detectado\n- 22:18 resuelto\n\n## Resolución\nSe reinició el contenedor.\n\n## MTTR\n0h 18m 0s\n\n## Lecciones Aprendidas\nAñadir límites de CPU.\n\n## Acciones Preventivas\nRevisar la librería JWT.\n',
    pg_temp.t(840 + 19));
select pg_temp.e('a0000000-0000-4000-8000-000000000009', s, 840 + m) from (values
    ('detected', 0), ('investigating', 0.1), ('analyzed', 2), ('awaiting_approval', 2.1),
    ('executing_solution', 10), ('verifying', 10.2), ('resolved', 18)) v(s, m);

-- 10. PostgreSQL connection exhaustion.
insert into incidents (id, title, target, severity, status, source_type, incident_type, server_name,
    fingerprint, proposed_action, action_result, approved_by, metrics_snapshot, executed_at, resolved_at,
    created_at, agent_reasoning)
values ('a0000000-0000-4000-8000-000000000010', 'orders database out of connections', 'orders-db', 'critical',
    'resolved', 'database', 'connection_exhaustion', 'db-eu-1', 'fp-orders-conn',
    E'psql -c "select pg_terminate_backend(pid) from pg_stat_activity where state = \'idle in transaction\'"',
    E' pg_terminate_backend\n----------------------\n t\n t\n(2 rows)\n', 'sre-oncall@example.com',
    '{"type": "postgres", "connections": 97, "max_connections": 100, "conn_percent": 97.0, "db_size_mb": 20480.5, "cache_hit_percent": 99.12, "deadlocks_per_min": 0, "longest_tx_sec": 1843}',
    pg_temp.t(1000 + 7), pg_temp.t(1000 + 16), pg_temp.t(1000),
    E'## Causa Raíz\nTransacciones abiertas e inactivas retienen conexiones.');
select pg_temp.e('a0000000-0000-4000-8000-000000000010', s, 1000 + m) from (values
    ('detected', 0), ('investigating', 0.1), ('analyzed', 2), ('awaiting_approval', 2.2),
    ('executing_solution', 7), ('verifying', 7.1), ('resolved', 16)) v(s, m);

-- 11. Odd snapshots: a JSON array, a bare number, JSON null, an empty object.
insert into incidents (id, title, target, severity, status, container_runtime, metrics_snapshot, resolved_at, created_at)
values
    ('a0000000-0000-4000-8000-000000000011', 'snapshot stored as an array', 'legacy-a', 'low', 'resolved', 'docker',
        '[{"mem_percent": 12.5}, 3, "x"]', pg_temp.t(1100 + 5), pg_temp.t(1100)),
    ('a0000000-0000-4000-8000-000000000012', 'snapshot stored as a number', 'legacy-b', 'low', 'resolved', 'docker',
        '42', pg_temp.t(1110 + 5), pg_temp.t(1110)),
    ('a0000000-0000-4000-8000-000000000013', 'snapshot stored as JSON null', 'legacy-c', 'low', 'resolved', 'docker',
        'null', pg_temp.t(1120 + 5), pg_temp.t(1120)),
    ('a0000000-0000-4000-8000-000000000014', 'snapshot stored as an empty object', 'legacy-d', 'low', 'resolved',
        'docker', '{}', pg_temp.t(1130 + 5), pg_temp.t(1130));

-- 12. Not resolved: never touched.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, proposed_action,
    action_error, approved_by, created_at)
values
    ('a0000000-0000-4000-8000-000000000015', 'inventory-sync waiting for approval', 'inventory-sync', 'high',
        'awaiting_approval', 'docker', 'app_crash', 'docker restart inventory-sync', null, null, pg_temp.t(1200)),
    ('a0000000-0000-4000-8000-000000000016', 'reports-job postponed', 'reports-job', 'low', 'analyzed', 'docker',
        'app_crash', 'docker restart reports-job', '[POSPUESTO] Esperar a la ventana de mantenimiento.',
        'luis.perez@example.com', pg_temp.t(1210)),
    ('a0000000-0000-4000-8000-000000000017', 'notifier stuck in triage', 'notifier', 'medium', 'failed', 'docker',
        null, null, '[RECOVERY] Incident stuck in investigating for 30 minutes; marked as failed.', null,
        pg_temp.t(1220));

-- 13. Routine approved fixes on many services, with realistic spreads of durations.
insert into incidents (id, title, target, severity, status, container_runtime, incident_type, server_name,
    fingerprint, logs, proposed_action, action_result, action_error, approved_by, metrics_snapshot, executed_at,
    resolved_at, created_at)
select ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
    svc || ' ' || kind, svc, (array['critical', 'high', 'medium', 'low'])[1 + n % 4], 'resolved',
    (array['docker', 'podman', 'kubernetes'])[1 + n % 3], kind, 'node-eu-' || (1 + n % 3), 'fp-' || svc || '-' || kind,
    format(E'[2026-10-02 %s:00:00 UTC] WARN %s memory at %s%%\n[2026-10-02 %s:00:30 UTC] ERROR %s unhealthy',
        lpad((n % 24)::text, 2, '0'), svc, 80 + n % 20, lpad((n % 24)::text, 2, '0'), svc),
    'docker restart ' || svc, svc || E'\n', '', (array['ana.garcia@example.com', 'luis.perez@example.com', 'sre-oncall@example.com'])[1 + n % 3],
    jsonb_build_object('type', 'container', 'mem_usage_mb', 200 + n * 7, 'mem_limit_mb', 512,
        'mem_percent', round((200 + n * 7) / 5.12, 1), 'cpu_percent', round((n * 13.37)::numeric % 180, 2),
        'net_in_kbps', n * 11.5, 'net_out_kbps', n * 9.25, 'restarts_1h', n % 4),
    pg_temp.t(2000 + n * 90 + 5 + n % 7), pg_temp.t(2000 + n * 90 + 12 + n % 11), pg_temp.t(2000 + n * 90)
from generate_series(1, 24) n,
    lateral (select (array['cart', 'catalog', 'pricing', 'shipping', 'ledger', 'gateway'])[1 + n % 6] as svc,
                    (array['oom', 'high_cpu', 'app_crash', 'high_memory'])[1 + n % 4] as kind) k;
select pg_temp.e(('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, s, 2000 + n * 90 + m)
from generate_series(1, 24) n, lateral (values
    ('detected', 0), ('investigating', 0.2), ('analyzed', 2.5), ('awaiting_approval', 2.6),
    ('executing_solution', 5 + n % 7), ('verifying', 5.3 + n % 7), ('resolved', 12 + n % 11)) v(s, m)
where n % 5 <> 0 or s <> 'resolved';  -- every fifth has no resolved event (Alertmanager got there first)

commit;
