@testable import PostMortem

/// One incident for each lifecycle path of FACTS.md, with known timestamps (minutes after 08:00).
enum Lifecycle: String, CaseIterable {
    case approvedFix
    case alertmanagerWithEvent
    case alertmanagerWithoutEvent
    case postponedThenApproved
    case failedThenAlertmanager
    case manualPatchNoEvents
    case rejectedThenPatch
    case recoverySweepThenPatch
    case hostileAndOddMetrics
    case connectionExhaustion

    var incident: Incident {
        switch self {
        case .approvedFix:
            var value = base(
                events: [
                    ("detected", 0), ("investigating", 0.2), ("analyzed", 3.5), ("awaiting_approval", 3.6),
                    ("executing_solution", 21), ("verifying", 21.3), ("resolved", 29.5),
                ], executed: 21, resolved: 29.5)
            value.title = "payments-api out of memory"
            value.target = "payments-api"
            value.incidentType = "oom"
            value.containerRuntime = "docker"
            value.serverName = "node-eu-1"
            value.fingerprint = "fp-payments-oom"
            value.approvedBy = "ana.garcia@example.com"
            value.proposedAction = "docker restart payments-api"
            value.actionResult = "payments-api\n"
            value.actionError = ""
            value.metricsSnapshot = json(
                #"{"type": "container", "mem_usage_mb": 508.1, "mem_limit_mb": 512, "mem_percent": 99.2, "cpu_percent": 143.75, "net_in_kbps": 120.4, "net_out_kbps": 98.1, "restarts_1h": 3}"#
            )
            value.logs = (1...60).map { "[2026-10-01 07:\(50 + $0 / 10):0\($0 % 10) UTC] line \($0)" }.joined(separator: "\n")
            value.agentReasoning = """
                ## Clasificación inicial
                Incidente de memoria en `payments-api`.

                ## Causa Raíz
                Fuga de memoria en la caché de tarifas tras el despliegue 4.2.0.

                ## Evidencia
                - `OutOfMemoryError` a las 07:59:58

                ## Acciones Recomendadas
                - Reiniciar el contenedor.
                - Revisar la caché de tarifas
                  tras el despliegue 4.2.0.

                ## Verificación
                | Métrica | Antes | Después |
                |---|---|---|
                | mem_percent | 99.2 | 41.0 |
                """
            value.recurrence = Recurrence(count: 7, latest: (1...5).map(Self.earlierOutage))
            return value
        case .alertmanagerWithEvent:
            var value = base(events: [("detected", 0), ("investigating", 0.1), ("analyzed", 2.8), ("resolved", 14)], resolved: 14)
            value.title = "checkout latency above SLO"
            value.agentReasoning = "## Root Cause\nA transient traffic spike; no action needed."
            return value
        case .alertmanagerWithoutEvent:
            var value = base(events: [("detected", 0), ("investigating", 0.3), ("analyzed", 2)], resolved: 6)
            value.title = "search-indexer restarting"
            value.containerRuntime = "podman"
            return value
        case .postponedThenApproved:
            var value = base(
                events: [
                    ("detected", 0), ("investigating", 0.2), ("analyzed", 4), ("awaiting_approval", 4.1), ("analyzed", 30),
                    ("awaiting_approval", 80), ("executing_solution", 95), ("verifying", 95.4), ("resolved", 104),
                ], executed: 95, resolved: 104)
            value.title = "orders-worker stuck consuming queue"
            value.approvedBy = "luis.perez@example.com"
            value.proposedAction = "docker restart orders-worker"
            return value
        case .failedThenAlertmanager:
            var value = base(
                events: [
                    ("detected", 0), ("analyzed", 3), ("awaiting_approval", 3.1), ("executing_solution", 12),
                    ("failed", 12.2), ("resolved", 55),
                ], executed: 12, resolved: 55)
            value.title = "billing-db-proxy refusing connections"
            value.containerRuntime = "kubernetes"
            value.approvedBy = "sre-oncall@example.com"
            value.proposedAction = "kubectl rollout restart deployment/billing-db-proxy"
            value.actionError = "error: deployments.apps \"billing-db-proxy\" is forbidden"
            return value
        case .manualPatchNoEvents:
            var value = base(events: [], resolved: 190)
            value.title = "Customers report missing invoice e-mails"
            value.sourceType = "manual"
            value.logs = "Reported by support: since about 09:00 customers receive no invoice e-mails."
            return value
        case .rejectedThenPatch:
            var value = base(
                events: [
                    ("detected", 0), ("analyzed", 3), ("awaiting_approval", 3.2), ("failed", 9),
                ], executed: 9, resolved: 600)
            value.title = "cache cluster evicting hot keys"
            value.approvedBy = "marta.ruiz@example.com"
            value.proposedAction = "docker restart redis-cache"
            value.actionError = "[RECHAZADO] Reiniciar vacía la caché en hora punta."
            return value
        case .recoverySweepThenPatch:
            var value = base(events: [("detected", 0), ("investigating", 0.1), ("failed", 30)], resolved: 45)
            value.title = "notifier stuck in triage"
            value.actionError = "[RECOVERY] Incident stuck in investigating for 30 minutes; marked as failed."
            value.approvedBy = "unknown"
            return value
        case .hostileAndOddMetrics:
            var value = base(
                events: [
                    ("investigating", -1), ("detected", 0), ("investigating", 0.5), ("investigating", 0.5),
                    ("analyzed", 2), ("resolved", 30), ("verifying", 31),
                ], resolved: 30)
            value.title = "<script>alert(\"x\")</script> | api ``gateway`` **down** [click](javascript:alert(1))"
            value.target = "gw|edge\n# not a heading"
            value.serverName = "node-\u{202E}evil 🔥 مرحبا"
            value.agentReasoning = "## Causa Raíz\n<img src=x onerror=alert(2)>\n```\nunclosed fence"
            value.logs = "```\n</code></pre><script>alert(3)</script>\n~~~"
            value.metricsSnapshot = json(
                #"{"type": "kubernetes", "mem_percent": "high", "ready": false, "cpu_percent": null, "labels": {"app": "gw|<x>", "tier": ["edge", null]}}"#
            )
            return value
        case .connectionExhaustion:
            var value = base(
                events: [
                    ("detected", 0), ("analyzed", 2), ("awaiting_approval", 2.2), ("executing_solution", 7),
                    ("verifying", 7.1), ("resolved", 16),
                ], executed: 7, resolved: 16)
            value.title = "orders database out of connections"
            value.sourceType = "database"
            value.incidentType = "connection_exhaustion"
            value.approvedBy = "sre-oncall@example.com"
            value.proposedAction = "psql -c \"select pg_terminate_backend(pid) from pg_stat_activity where state = 'idle in transaction'\""
            value.metricsSnapshot = json(
                #"{"type": "postgres", "connections": 97, "max_connections": 100, "conn_percent": 97.0, "db_size_mb": 20480.5, "cache_hit_percent": 85.12, "deadlocks_per_min": 0, "longest_tx_sec": 1843}"#
            )
            return value
        }
    }

    /// An earlier payments-api outage `days` days before; the one three days before has no resolved_at.
    private static func earlierOutage(days: Int) -> Recurrence.Past {
        let start: Double = -1440 * Double(days)
        return Recurrence.Past(
            id: "b0000000-0000-4000-8000-00000000000\(days)", title: "payments-api out of memory", severity: "high",
            createdAt: minute(start), resolvedAt: days == 3 ? nil : minute(start + 12))
    }

    private func base(events: [(IncidentStatus, Double)], executed: Double? = nil, resolved: Double?) -> Incident {
        var value = PostMortemTests.incident(events: events, executed: executed, resolved: resolved)
        value.severity = "high"
        value.target = "api"
        return value
    }

    private func json(_ text: String) -> JSONValue? {
        try? JSONValue(parsing: text)
    }
}
