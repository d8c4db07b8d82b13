/// The status history of an incident: its recorded events plus entries inferred from columns.
///
/// Sentinel does not write an event for every transition (manual incidents get no `detected`
/// event, Alertmanager and PATCH resolutions may get no `resolved` event), so missing
/// entries are inferred from `created_at`, `executed_at` and `resolved_at`, as Sentinel's own
/// dashboard does, and marked as inferred.
public struct Timeline: Sendable {
    /// One line of the timeline.
    public struct Entry: Sendable, Equatable {
        public var status: IncidentStatus
        public var time: Timestamp
        /// The column an inferred entry comes from (`created_at`, …); `nil` for a recorded event.
        public var inferredFrom: String?
        /// The same status as the entry before it.
        public var isRepeated = false
        /// Earlier than the incident's `created_at`.
        public var isBeforeDetection = false
        /// Later than the incident's `resolved_at`.
        public var isAfterResolution = false
        /// A step back in the lifecycle that Sentinel never makes (a postponement's return from
        /// awaiting_approval to analyzed, and anything around `failed`, are not flagged).
        public var isOutOfOrder = false
        /// Time since the previous entry; `nil` for the first.
        public var sincePrevious: Span?
    }

    public let entries: [Entry]

    /// The first entry with `status`, at or after `time` when given.
    public func first(_ status: IncidentStatus, from time: Timestamp? = nil) -> Entry? {
        entries.first { entry in
            guard entry.status == status else { return false }
            guard let time else { return true }
            return entry.time >= time
        }
    }

    public init(incident: Incident) {
        var entries = incident.events.map { Entry(status: $0.status, time: $0.time) }
        func lacks(_ status: IncidentStatus) -> Bool { !incident.events.contains { $0.status == status } }

        if lacks(.detected) {
            entries.append(Entry(status: .detected, time: incident.createdAt, inferredFrom: "created_at"))
        }
        // A rejection also sets executed_at, although nothing ran: infer no execution from it.
        if let executedAt = incident.executedAt, lacks(.executingSolution), Decision(incident: incident) != .rejected {
            entries.append(Entry(status: .executingSolution, time: executedAt, inferredFrom: "executed_at"))
        }
        if let resolvedAt = incident.resolvedAt, incident.status == .resolved, lacks(.resolved) {
            entries.append(Entry(status: .resolved, time: resolvedAt, inferredFrom: "resolved_at"))
        }

        // Stable by time; on equal times a recorded event stays before an inferred one.
        entries = entries.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        var furthest = -1
        for index in entries.indices {
            if let rank = entries[index].status.lifecycleRank {
                let isPostponement =
                    index > 0 && entries[index - 1].status == .awaitingApproval
                    && entries[index].status == .analyzed
                entries[index].isOutOfOrder = rank < furthest && !isPostponement
                furthest = max(furthest, rank)
            }
            entries[index].isBeforeDetection = entries[index].time < incident.createdAt
            if let resolvedAt = incident.resolvedAt {
                entries[index].isAfterResolution = entries[index].time > resolvedAt
            }
            if index > 0 {
                entries[index].sincePrevious = entries[index - 1].time.duration(to: entries[index].time)
                entries[index].isRepeated = entries[index - 1].status == entries[index].status
            }
        }
        self.entries = entries
    }
}
