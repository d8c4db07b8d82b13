import Templates

/// Made-up incidents that together give every template variable a value, for `templates check`
/// and the template reference.
public enum SampleIncidents {
    /// 2026-10-01 08:00:00 UTC plus `minutes`.
    static func at(_ minutes: Double) -> Timestamp {
        Timestamp(microseconds: 1_790_841_600_000_000 + Int64(minutes * 60_000_000))
    }

    /// An approval after a postponement, with every column filled in.
    static var approved: Incident {
        var incident = Incident(
            id: "5a3e0c1d-0000-4000-8000-000000000001", title: "payments-api out of memory", target: "payments-api",
            severity: "critical", status: "resolved", createdAt: at(0))
        incident.containerRuntime = "docker"
        incident.incidentType = "oom"
        incident.serverName = "node-eu-1"
        incident.fingerprint = "fp-payments-oom"
        incident.approvedBy = "ana.garcia@example.com"
        incident.proposedAction = "docker restart payments-api"
        incident.actionResult = "payments-api\n"
        incident.actionError = "warning: container took 12 s to stop\n"
        incident.executedAt = at(50)
        incident.resolvedAt = at(61)
        incident.logs = (0..<80).map { "[2026-10-01 07:5\($0 / 10 % 10):0\($0 % 10) UTC] line \($0)" }.joined(separator: "\n")
        incident.agentReasoning =
            "## Causa Raíz\nFuga de memoria en la caché.\n\n## Evidencia\n- reinicios: 3\n\n"
            + "## Acciones Recomendadas\n- Reiniciar el contenedor: `docker restart payments-api`\n- Revisar la caché de tarifas."
        incident.metricsSnapshot = .object([
            (key: "type", value: .string("container")), (key: "mem_percent", value: .number("99.2")),
            (key: "mem_usage_mb", value: .number("508.1")), (key: "extra", value: .string("kept as stored")),
        ])
        incident.events = [
            ("detected", 0), ("investigating", 0.2), ("analyzed", 3), ("awaiting_approval", 3.1), ("analyzed", 20),
            ("awaiting_approval", 40), ("executing_solution", 50), ("verifying", 50.3),
        ].map { IncidentEvent(status: $0.0, time: at($0.1)) }
        incident.recurrence = Recurrence(
            count: 6,
            latest: (1...5).map { day in
                Recurrence.Past(
                    id: "5a3e0c1d-0000-4000-8000-00000000010\(day)", title: "payments-api out of memory", severity: "high",
                    createdAt: at(-1440 * Double(day)), resolvedAt: day == 2 ? nil : at(-1440 * Double(day) + 15))
            })
        return incident
    }

    /// A rejection, with odd data: events out of place and a snapshot that is not JSON.
    static var rejected: Incident {
        var incident = Incident(
            id: "5a3e0c1d-0000-4000-8000-000000000002", title: "cache cluster evicting hot keys", target: "redis-cache",
            severity: "low", status: "resolved", createdAt: at(0))
        incident.approvedBy = "unknown"
        incident.proposedAction = "docker restart redis-cache"
        incident.actionError = "[RECHAZADO] Not during peak hours."
        incident.executedAt = at(9)
        incident.resolvedAt = at(-5)
        incident.unparsableMetrics = "{not json"
        incident.events = [
            ("investigating", -1), ("detected", 0), ("detected", 0), ("analyzed", 3), ("awaiting_approval", 3.2),
            ("failed", 9), ("investigating", 12),
        ].map { IncidentEvent(status: $0.0, time: at($0.1)) }
        return incident
    }

    /// The rest of the lifecycle: a triage failure, the recovery sweep, an odd snapshot.
    static var swept: Incident {
        var incident = Incident(
            id: "5a3e0c1d-0000-4000-8000-000000000003", title: "notifier stuck", target: "notifier",
            severity: "medium", status: "resolved", sourceType: "manual", createdAt: at(0))
        incident.actionError = "[RECOVERY] Stuck in investigating for 30 minutes."
        incident.logs = "Reported by support: the notifier sends nothing since 08:00.\nSeveral customers wrote in."
        incident.metricsSnapshot = .object([
            (key: "type", value: .string("postgres")), (key: "cache_hit_percent", value: .number("71")),
            (key: "connections", value: .string("many")),
        ])
        incident.events = [("investigating", 1), ("failed", 2), ("failed", 30), ("resolved", 45)]
            .map { IncidentEvent(status: $0.0, time: at($0.1)) }
        return incident
    }

    /// One more status: resolved without resolved_at, and a snapshot that is an array.
    static var untimed: Incident {
        var incident = Incident(
            id: "5a3e0c1d-0000-4000-8000-000000000004", title: "search-indexer restarting", target: "search-indexer",
            severity: "high", status: "resolved", createdAt: at(0))
        incident.metricsSnapshot = .array([.number("1")])
        incident.events = [("detected", 0), ("failed", 1)].map { IncidentEvent(status: $0.0, time: at($0.1)) }
        incident.actionError = "Traceback: KeyError"
        return incident
    }

    /// Every sample.
    public static var all: [Incident] { [approved, rejected, swept, untimed] }

    /// The approved sample with parts too long for the dashboard, and the cuts that shorten
    /// every one of them, as for a document over the character limit.
    static var long: (incident: Incident, cuts: ReportCuts) {
        var incident = approved
        incident.logs = (incident.logs ?? "") + "\n" + String(repeating: "{\"level\":\"error\"}", count: 200)
        incident.actionResult = String(repeating: "restarting payments-api\n", count: 200)
        incident.actionError = String(repeating: "warning: container took 12 s to stop\n", count: 100)
        incident.agentReasoning = (incident.agentReasoning ?? "") + "\n\n" + String(repeating: "Evidence.\n\n", count: 200)
        // Postponed again and again: a long decision chain, and a data quality note for every repeat.
        incident.events += (0..<8).flatMap { round in
            [
                IncidentEvent(status: "awaiting_approval", time: at(51 + Double(round))),
                IncidentEvent(status: "awaiting_approval", time: at(51.5 + Double(round))),
                IncidentEvent(status: "analyzed", time: at(51.7 + Double(round))),
            ]
        }
        var cuts = ReportCuts()
        cuts.logLineWidth = ReportCuts.logLineWidth
        cuts.outputCharacters = ReportCuts.leastOutputCharacters
        cuts.analysisCharacters = 10
        cuts.timelineEntries = 4
        return (incident, cuts)
    }

    /// The models of every sample merged into one, in which every template variable has a value.
    public static func model(generator: ReportModel.Generator, settings: ReportSettings) -> [String: Any] {
        var settings = settings
        if settings.incidentURL == nil { settings.incidentURL = "https://sentinel.example.com/incidents/{id}" }
        // One sample whose stored post-mortem people filled in, saved after it was written: the
        // impact start (for the time to detect) and the review's status.
        var filledIn = approved
        let header = DocumentRegions.Header(
            toolVersion: "0", templateSet: "builtin", inputs: "-", written: "1000000", regions: ["review", "impact"])
        filledIn.postMortem = """
            \(header.line)

            <!-- sentinel-report begin review xxh64 0000000000000000 -->
            | \(settings.strings.review.statusLabel) | final |
            <!-- sentinel-report end review -->
            <!-- sentinel-report begin impact xxh64 0000000000000000 -->
            | \(settings.strings.impact.startLabel) | 2026-10-01 07:41 |
            <!-- sentinel-report end impact -->

            """
        filledIn.postMortemUpdatedAt = Timestamp(microseconds: 2_000_000)
        return TemplateLint.union(
            (all.map { ($0, ReportCuts()) } + [long, (filledIn, ReportCuts())]).map { incident, cuts in
                let facts = ReportModel.Facts(incident: incident, strings: settings.strings)
                return ReportModel.make(for: incident, facts: facts, generator: generator, settings: settings, cuts: cuts).mustacheValue
            })
    }
}
