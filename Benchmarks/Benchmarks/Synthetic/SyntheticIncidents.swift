import PostMortem

/// Resolved incidents shaped like the rows `db/synthetic.sql` inserts, built without a database.
///
/// The same mix as `scripts/bench`: about 7 events each, 20–100 log lines, container or
/// PostgreSQL metrics, every 37th title hostile, every 53rd log carrying a bearer token, every
/// 101st analysis huge, and recurrence of similar incidents.
public enum SyntheticIncidents {
    static let services = ["cart", "catalog", "pricing", "shipping", "ledger", "gateway", "auth", "search"]
    static let kinds = ["oom", "high_cpu", "app_crash", "high_memory", "connection_exhaustion"]
    static let approvers = ["ana.garcia@example.com", "luis.perez@example.com", "sre-oncall@example.com"]
    /// 2026-01-01 00:00:00 UTC in microseconds.
    static let start: Int64 = 1_767_225_600_000_000
    static let minute: Int64 = 60_000_000

    /// The first `count` resolved incidents of the synthetic set.
    public static func resolved(_ count: Int) -> [Incident] {
        (1...(count * 4 / 3 + 1)).filter { $0 % 4 != 3 }.prefix(count).map(incident)
    }

    /// `incident` as a later run finds it: `document` stored with a line a person added under
    /// "Lessons learned", and the title changed since, so every region is compared, the edit
    /// kept and the rest replaced.
    public static func edited(_ incident: Incident, document: String) -> Incident {
        var incident = incident
        // Split on bytes: splitting 1,000 long documents by Character would dominate a profile.
        incident.postMortem = document.utf8
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in
                let line = String(Substring(line))
                return line == "## Lessons learned" ? line + "\n\nWe will add a memory alert. — ana" : line
            }
            .joined(separator: "\n")
        incident.title += " (renamed)"
        return incident
    }

    static func incident(_ n: Int) -> Incident {
        let service = services[n % 8]
        let kind = kinds[n % 5]
        let created = start + Int64(n) * 7 * minute
        func at(_ minutes: Double) -> Timestamp { Timestamp(microseconds: created + Int64(minutes * 60_000_000)) }

        let title =
            n % 37 == 0
            ? "<script>alert(\(n))</script> | `svc` **down** [x](javascript:1)" : "\(service) \(kind) #\(n)"
        var incident = Incident(
            id: "00000000-0000-4000-8000-" + String(n, radix: 16).padding(12),
            title: title, target: service, severity: ["critical", "high", "medium", "low"][n % 4], status: "resolved",
            sourceType: n % 9 == 0 ? "database" : "container", createdAt: at(0))
        incident.containerRuntime = ["docker", "podman", "kubernetes"][n % 3]
        incident.incidentType = kind
        incident.serverName = "node-\(n % 40)"
        incident.fingerprint = "fp-\(service)-\(kind)-\(n % 300)"
        incident.logs = (1...(20 + n % 81)).map { line in
            let seconds = line * 3
            let clock = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
            let level = ["INFO", "WARN", "ERROR"][(line + n) % 3]
            let token = n % 53 == 0 && line == 5 ? " Authorization: Bearer \(hex(n))" : ""
            return "[2026-10-01 \(clock) UTC] \(level) \(service) request_id=\(hex(n * 100 + line)) "
                + "latency_ms=\((line * 37 + n) % 900)\(token)"
        }.joined(separator: "\n")
        incident.agentReasoning =
            "## Clasificación inicial\nIncidente de \(kind) en `\(service)`.\n\n"
            + "## Causa Raíz\nUso de memoria creciente tras el despliegue \(n % 50).\n\n"
            + "## Evidencia\n- reinicios: \(n % 5)\n- error: `OOMKilled`\n\n"
            + "## Acciones Recomendadas\nReiniciar el contenedor."
            + (n % 101 == 0 ? "\n\n" + String(repeating: "Detalle adicional del análisis. ", count: 3000) : "")
        incident.proposedAction = "docker restart \(service)"
        incident.actionResult = "\(service)\n"
        incident.actionError = n % 17 == 0 ? "warning: slow stop" : nil
        incident.approvedBy = approvers[n % 3]
        incident.metricsSnapshot = n % 9 == 0 ? postgresMetrics(n) : containerMetrics(n)
        incident.executedAt = at(9)
        incident.resolvedAt = at(20)
        incident.events = [
            ("detected", 0), ("investigating", 0.2), ("analyzed", 3), ("awaiting_approval", 3.1),
            ("executing_solution", 9), ("verifying", 9.3), ("resolved", 20),
        ].map { IncidentEvent(status: $0.0, time: at($0.1)) }
        let earlier = (0..<min(5, n / 300)).map { $0 + 1 }.map { step in
            Recurrence.Past(
                id: "00000000-0000-4000-8000-\(String(repeating: "0", count: 11))\(step)", title: "\(service) \(kind)",
                severity: "high", createdAt: at(-Double(step) * 300 * 7), resolvedAt: at(-Double(step) * 300 * 7 + 20))
        }
        incident.recurrence = Recurrence(count: n / 300, latest: earlier)
        return incident
    }

    static func containerMetrics(_ n: Int) -> JSONValue {
        let usage = 100 + n % 400
        return .object([
            (key: "type", value: .string("container")), (key: "mem_usage_mb", value: .number("\(usage)")),
            (key: "mem_limit_mb", value: .number("512")),
            (key: "mem_percent", value: .number("\((Double(usage) / 5.12 * 10).rounded() / 10)")),
            (key: "cpu_percent", value: .number("\(Double(n * 1337 % 18000) / 100)")),
            (key: "net_in_kbps", value: .number("\(n % 900)")), (key: "net_out_kbps", value: .number("\(n % 700)")),
            (key: "restarts_1h", value: .number("\(n % 4)")),
        ])
    }

    static func postgresMetrics(_ n: Int) -> JSONValue {
        .object([
            (key: "type", value: .string("postgres")), (key: "connections", value: .number("\(n % 100)")),
            (key: "max_connections", value: .number("100")), (key: "conn_percent", value: .number("\(n % 100)")),
            (key: "db_size_mb", value: .number("\(1000 + n % 5000)")),
            (key: "cache_hit_percent", value: .number("\(80 + Double(n % 200) / 10)")),
            (key: "deadlocks_per_min", value: .number("\(n % 3)")), (key: "longest_tx_sec", value: .number("\(n % 2000)")),
        ])
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// 32 hexadecimal digits derived from `value`, standing in for the SQL's md5.
    static func hex(_ value: Int) -> String {
        var state = UInt64(truncatingIfNeeded: value) &* 0x9E37_79B9_7F4A_7C15
        var digits = ""
        for _ in 0..<2 {
            state ^= state >> 31
            state = state &* 0xBF58_476D_1CE4_E5B9
            let text = String(state, radix: 16)
            digits += String(repeating: "0", count: 16 - text.count) + text
        }
        return digits
    }
}

extension String {
    /// `self` left-padded with zeros to `width`.
    fileprivate func padding(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
