import Foundation
@testable import PostMortem

/// Incidents with known facts, shared by the database tests.
public enum Fixtures {
    public static let approved = "a0000000-0000-4000-8000-000000000001"
    public static let manual = "a0000000-0000-4000-8000-000000000002"
    public static let foreign = "a0000000-0000-4000-8000-000000000003"
    public static let pending = "a0000000-0000-4000-8000-000000000004"
    public static let failed = "a0000000-0000-4000-8000-000000000005"
    public static let hostile = "a0000000-0000-4000-8000-000000000006"

    public static let hostileTitle = "<script>alert(1)</script> | **api** `down`"
    public static let foreignText = "# Post-Mortem: auth-service\n\n## Resumen\nTexto escrito por el LLM de Sentinel.\n"

    /// Inserts six incidents: three resolved without a post-mortem (approved fix, manual, hostile),
    /// one resolved with Sentinel's own post-mortem, and two not resolved.
    public static func load(into database: TestDatabase) throws {
        try database.insertIncident(
            id: approved, title: "payments-api out of memory",
            extra: [
                "container_runtime": "docker", "incident_type": "oom", "approved_by": "ana@example.com",
                "proposed_action": "docker restart payments-api", "action_result": "payments-api\n",
                "executed_at": "2026-10-01 08:21:00+00",
                "metrics_snapshot": #"{"type": "container", "mem_percent": 99.20, "restarts_1h": 3}"#,
                "logs": "[2026-10-01 07:59:58 UTC] ERROR OutOfMemoryError\n[2026-10-01 08:00:01 UTC] exited 137",
                "agent_reasoning": "## Causa Raíz\nFuga de memoria.",
            ])
        try database.insertEvents(
            approved,
            [
                ("detected", "2026-10-01 08:00:00+00"), ("analyzed", "2026-10-01 08:03:30+00"),
                ("awaiting_approval", "2026-10-01 08:03:36+00"), ("executing_solution", "2026-10-01 08:21:00+00"),
                ("verifying", "2026-10-01 08:21:18+00"), ("resolved", "2026-10-01 08:30:00+00"),
            ])
        try database.insertIncident(
            id: manual, title: "Customers report missing e-mails", resolvedAt: "2026-10-01 11:10:00+00",
            extra: ["source_type": "manual", "logs": "Reported by support."])
        try database.insertIncident(id: foreign, title: "auth-service high CPU", postMortem: foreignText)
        try database.insertIncident(id: pending, status: "awaiting_approval", title: "inventory waiting")
        try database.insertIncident(
            id: failed, status: "failed", title: "notifier stuck",
            extra: ["action_error": "[RECOVERY] stuck for 30 minutes"])
        try database.insertIncident(
            id: hostile, title: hostileTitle,
            extra: [
                "logs": "```\n</code></pre><script>alert(2)</script>\n",
                "metrics_snapshot": #"{"labels": {"app": "gw|<x>"}, "list": [1, null]}"#,
                "server_name": "node\n# not a heading",
            ])
    }
}
