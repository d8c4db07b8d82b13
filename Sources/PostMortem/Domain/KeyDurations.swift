/// The four spans a post-mortem reports, each defined by a pair of timeline entries.
///
/// A span whose endpoint is missing is `nil` (printed as "unknown", never as 0); a span that
/// does not apply to the incident (no approval was ever requested) is marked so.
public struct KeyDurations: Sendable {
    /// One measured span and the two entries it runs between.
    public struct Measure: Sendable {
        public var start: Timeline.Entry?
        public var end: Timeline.Entry?
        /// Whether the incident went through this phase at all.
        public var applies = true

        /// The length, when both endpoints are known; negative when they are out of order.
        public var span: Span? {
            guard let start, let end else { return nil }
            return start.time.duration(to: end.time)
        }
    }

    /// detected → first analyzed.
    public var triage: Measure
    /// first awaiting_approval → the final decision (approval or rejection).
    public var decision: Measure
    /// executing_solution → resolved, or → failed when the action or its verification failed.
    public var executeAndVerify: Measure
    /// created_at → resolved_at.
    public var resolve: Measure

    public init(incident: Incident, timeline: Timeline, chain: DecisionChain) {
        let detected = timeline.first(.detected)
        triage = Measure(start: detected, end: timeline.first(.analyzed, from: detected?.time))

        let awaiting = timeline.first(.awaitingApproval)
        decision = Measure(start: awaiting, end: chain.finalDecision.map(\.entry), applies: awaiting != nil)

        let executing = chain.decision == .approved ? timeline.first(.executingSolution) : nil
        let finish = executing.flatMap { start in
            [timeline.first(.resolved, from: start.time), timeline.first(.failed, from: start.time)]
                .compactMap { $0 }.min { $0.time < $1.time }
        }
        executeAndVerify = Measure(start: executing, end: finish, applies: chain.decision == .approved)

        resolve = Measure(
            start: Timeline.Entry(status: .detected, time: incident.createdAt, inferredFrom: "created_at"),
            end: incident.resolvedAt.map { Timeline.Entry(status: .resolved, time: $0, inferredFrom: "resolved_at") })
    }

    /// The measures' names, in report order.
    public static let names = ["triage", "decision", "executeAndVerify", "resolve"]

    /// `measure`'s share of the time to resolve, as a whole percentage; `nil` when either is
    /// unknown or negative, or the time to resolve is zero.
    public func percentOfResolve(_ measure: Measure) -> Int? {
        guard let part = measure.span, let whole = resolve.span, !part.isNegative, whole.microseconds > 0 else { return nil }
        return Int((Double(part.microseconds) * 100 / Double(whole.microseconds)).rounded())
    }

    /// Every measure with its name, in report order.
    public var all: [(name: String, measure: Measure)] {
        Array(zip(Self.names, [triage, decision, executeAndVerify, resolve]))
    }
}
