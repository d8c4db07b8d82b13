#!/usr/bin/env python3
"""What a team would write instead of sentinel-report: psycopg 3 and Jinja2, a simple post-mortem
of every resolved incident without one (summary, timeline, metrics, analysis, action, the last
log lines), written back with executemany. scripts/bench times it beside sentinel-report on the
same rows. Usage: bench-peer.py DATABASE_URL"""
import sys

import jinja2
import psycopg

TEMPLATE = jinja2.Environment(autoescape=False, trim_blocks=True).from_string("""\
# Post-mortem: {{ i.title }}

| Field | Value |
|---|---|
| Incident | {{ i.id }} |
| Target | {{ i.target }} |
| Severity | {{ i.severity }} |
| Detected | {{ i.created_at }} |
| Resolved | {{ i.resolved_at }} |
| Approved by | {{ i.approved_by or "—" }} |

## Timeline

| Time | Status |
|---|---|
{% for e in events %}| {{ e[1] }} | {{ e[0] }} |
{% endfor %}

## Metrics at detection

{% for k, v in (i.metrics_snapshot or {}).items() %}- {{ k }}: {{ v }}
{% endfor %}

## Root cause and analysis

{{ i.agent_reasoning or "No analysis." }}

## Corrective action

```
{{ i.proposed_action or "" }}
```

Output:

```
{{ i.action_result or "" }}
```

## Logs

```
{{ logs }}
```
""")


def main(url):
    with psycopg.connect(url) as connection:
        with connection.cursor(row_factory=psycopg.rows.namedtuple_row) as cursor:
            cursor.execute(
                "SELECT id, title, target, severity, created_at, resolved_at, approved_by, metrics_snapshot,"
                " agent_reasoning, proposed_action, action_result, logs FROM incidents"
                " WHERE status = 'resolved' AND post_mortem_md IS NULL ORDER BY id")
            incidents = cursor.fetchall()
        events = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.incident_id, e.status, e.created_at FROM incident_events e"
                " JOIN incidents i ON i.id = e.incident_id WHERE i.status = 'resolved' ORDER BY e.incident_id, e.created_at")
            for incident_id, status, time in cursor:
                events.setdefault(incident_id, []).append((status, time))
        documents = []
        for incident in incidents:
            logs = "\n".join((incident.logs or "").splitlines()[-50:])
            text = TEMPLATE.render(i=incident, events=events.get(incident.id, []), logs=logs)
            documents.append((text, incident.id))
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE incidents SET post_mortem_md = %s, post_mortem_updated_at = now() WHERE id = %s", documents)
    print(f"{len(documents)} generated")


if __name__ == "__main__":
    main(sys.argv[1])
