/// Something odd the report found in an incident's data, shown in the document and counted in
/// the run summary, so a reader knows which facts to trust less.
public struct DataQualityNote: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// No event for a status; the time comes from a column (`column`).
        case missingEvent
        /// An event earlier than `created_at`.
        case beforeDetection
        /// An event later than `resolved_at`.
        case afterResolution
        /// The same status twice in a row.
        case repeatedEvent
        /// A step back in the lifecycle.
        case outOfOrder
        /// A key duration whose end lies before its start (`measure`).
        case negativeDuration
        /// metrics_snapshot does not parse as JSON.
        case unparsableMetrics
        /// metrics_snapshot is JSON but not an object.
        case snapshotNotAnObject
        /// A known metric holds a value of the wrong kind (`metric`).
        case oddMetricValue
        /// approved_by is "unknown": the approver's token had neither e-mail nor subject.
        case unknownApprover
        /// The status is resolved but resolved_at is NULL.
        case resolvedWithoutTime
    }

    public var kind: Kind
    public var status: IncidentStatus?
    public var time: Timestamp?
    public var column: String?
    public var measure: String?
    public var metric: String?

    /// Every anomaly of one incident, in a stable order.
    public static func notes(
        incident: Incident, timeline: Timeline, durations: KeyDurations, metrics: MetricsReport?
    ) -> [DataQualityNote] {
        var notes: [DataQualityNote] = []
        for entry in timeline.entries {
            // Sentinel records no "detected" event for an incident reported by hand: not a gap.
            if let column = entry.inferredFrom, !(entry.status == .detected && incident.sourceType == "manual") {
                notes.append(.init(kind: .missingEvent, status: entry.status, time: entry.time, column: column))
            }
            if entry.isBeforeDetection { notes.append(.init(kind: .beforeDetection, status: entry.status, time: entry.time)) }
            if entry.isAfterResolution { notes.append(.init(kind: .afterResolution, status: entry.status, time: entry.time)) }
            if entry.isRepeated { notes.append(.init(kind: .repeatedEvent, status: entry.status, time: entry.time)) }
            if entry.isOutOfOrder { notes.append(.init(kind: .outOfOrder, status: entry.status, time: entry.time)) }
        }
        for (name, measure) in durations.all where measure.span?.isNegative == true {
            notes.append(.init(kind: .negativeDuration, measure: name))
        }
        if incident.unparsableMetrics != nil {
            notes.append(.init(kind: .unparsableMetrics))
        } else if let snapshot = incident.metricsSnapshot, metrics != nil {
            if case .object = snapshot {} else { notes.append(.init(kind: .snapshotNotAnObject)) }
        }
        for key in metrics?.oddValues ?? [] { notes.append(.init(kind: .oddMetricValue, metric: key)) }
        if incident.approvedBy == "unknown" { notes.append(.init(kind: .unknownApprover)) }
        if incident.status == .resolved, incident.resolvedAt == nil { notes.append(.init(kind: .resolvedWithoutTime)) }
        return notes
    }
}
