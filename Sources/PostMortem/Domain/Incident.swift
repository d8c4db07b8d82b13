/// One row of Sentinel's `incidents` table, with its status timeline.
///
/// Optional properties are the nullable columns; text columns that hold only white space are
/// read as `nil`. See `../shared/sentinel/FACTS.md` for what Sentinel writes where.
public struct Incident: Sendable {
    /// The incident's UUID in its canonical lower-case text form.
    public var id: String
    public var title: String
    public var target: String
    public var severity: String
    public var status: IncidentStatus
    public var sourceType: String
    public var containerRuntime: String?
    public var incidentType: String?
    public var serverName: String?
    public var fingerprint: String?
    public var logs: String?
    public var agentReasoning: String?
    public var proposedAction: String?
    public var actionResult: String?
    public var actionError: String?
    /// Who approved, rejected or postponed the proposed action (the last of them).
    public var approvedBy: String?
    /// `metrics_snapshot`; `nil` for SQL NULL.
    public var metricsSnapshot: JSONValue?
    /// Lines at the start of ``logs`` that were left out before redaction because no document
    /// shows them (``Redactor/redact(_:counts:showingLogLines:)``); a document counts them in
    /// the total it states.
    public var logLinesLeftOut = 0
    /// `metrics_snapshot` text that is not valid JSON, kept to report it verbatim.
    public var unparsableMetrics: String?
    public var postMortem: String?
    public var postMortemUpdatedAt: Timestamp?
    public var createdAt: Timestamp
    public var executedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var updatedAt: Timestamp?
    /// Status events in the order the store returned them (by time, then by id).
    public var events: [IncidentEvent]
    /// Earlier incidents like this one, loaded with it.
    public var recurrence = Recurrence(count: 0, latest: [])
    /// The hash of everything the post-mortem is generated from, as the store computed it.
    public var inputs: String?
    /// The time of the transaction that read the incident (`now()`): a post-mortem written in
    /// that transaction gets it as its `post_mortem_updated_at`.
    public var readAt: Timestamp?

    public init(
        id: String, title: String, target: String, severity: String, status: IncidentStatus,
        sourceType: String = "container", createdAt: Timestamp
    ) {
        self.id = id
        self.title = title
        self.target = target
        self.severity = severity
        self.status = status
        self.sourceType = sourceType
        self.createdAt = createdAt
        self.events = []
    }
}

/// One row of `incident_events`: the incident entered `status` at `time`.
public struct IncidentEvent: Sendable, Equatable {
    public var status: IncidentStatus
    public var time: Timestamp

    public init(status: IncidentStatus, time: Timestamp) {
        self.status = status
        self.time = time
    }
}
