/// The story of the proposed action, reconstructed from the timeline, `approved_by`,
/// `executed_at` and the prefixes Sentinel writes into `action_error`.
///
/// Sentinel keeps one `approved_by` and one `action_error` per incident, so only the last
/// decision has a recorded actor and note; earlier postponements show their time only.
public struct DecisionChain: Sendable {
    /// One step of the chain.
    public struct Step: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            /// The agent proposed the action and asked for approval.
            case proposed
            /// Approval was asked for again after a postponement: later waits count from here.
            case requestedAgain
            /// An engineer postponed the decision (back to analyzed).
            case postponed
            case approved
            case rejected
            /// The command started (`executed_at`).
            case executed
            /// The command, or its verification, failed.
            case failed
            /// Sentinel marked the incident failed before any action ran (a triage error).
            case failedWithoutAction
            /// Sentinel started verifying the result.
            case verifying
            /// Resolved with a `resolved` event after the action ran.
            case resolvedAfterVerification
            /// Resolved with a `resolved` event and no successful action: Alertmanager reported recovery.
            case resolvedByAlertmanager
            /// Resolved without any `resolved` event: a manual status change (or Alertmanager).
            case resolvedWithoutEvent
            /// Sentinel's recovery sweep marked the incident as failed.
            case recoverySweep
        }

        public var kind: Kind
        public var entry: Timeline.Entry
        /// Who, when the row records it.
        public var actor: String?
        /// The engineer's note (after the `[RECHAZADO]` / `[POSPUESTO]` prefix) or the sweep's text.
        public var note: String?
        /// Time since approval was requested, for decisions.
        public var waited: Span?
    }

    public let steps: [Step]
    /// The final decision on the proposed action.
    public let decision: Decision

    /// The approval or rejection step, if any.
    public var finalDecision: Step? {
        steps.last { $0.kind == .approved || $0.kind == .rejected }
    }

    public init(incident: Incident, timeline: Timeline) {
        decision = Decision(incident: incident)
        let entries = timeline.entries
        var steps: [Step] = []
        let actionError = ActionError(incident.actionError)
        var rejectionNote: String? { if case .rejected(let note) = actionError { note } else { nil } }

        var requestedAt: Timeline.Entry?
        var postponements: [Int] = []
        for (index, entry) in entries.enumerated() {
            switch entry.status {
            case .awaitingApproval where !entry.isRepeated:
                steps.append(Step(kind: requestedAt == nil ? .proposed : .requestedAgain, entry: entry))
                requestedAt = entry
            case .analyzed where index > 0 && entries[index - 1].status == .awaitingApproval:
                postponements.append(steps.count)
                steps.append(Step(kind: .postponed, entry: entry, waited: requestedAt.map { $0.time.duration(to: entry.time) }))
            case .executingSolution where !entry.isRepeated && decision == .approved:
                steps.append(
                    Step(
                        kind: .approved, entry: entry, actor: incident.approvedBy,
                        waited: requestedAt.map { $0.time.duration(to: entry.time) }))
                steps.append(Step(kind: .executed, entry: entry))
            case .verifying where !entry.isRepeated:
                steps.append(Step(kind: .verifying, entry: entry))
            case .failed where !entry.isRepeated:
                if decision == .rejected, !steps.contains(where: { $0.kind == .rejected }) {
                    steps.append(
                        Step(
                            kind: .rejected,
                            entry: incident.executedAt.map {
                                Timeline.Entry(status: .failed, time: $0, inferredFrom: "executed_at")
                            } ?? entry,
                            actor: incident.approvedBy, note: rejectionNote,
                            waited: requestedAt.map { $0.time.duration(to: incident.executedAt ?? entry.time) }))
                } else if steps.contains(where: { $0.kind == .executed }) {
                    steps.append(Step(kind: .failed, entry: entry))
                } else if case .recoverySweep = actionError {
                    // The recovery sweep's own failure is its step, added below.
                } else {
                    steps.append(Step(kind: .failedWithoutAction, entry: entry))
                }
            case .resolved:
                let verified = steps.contains { $0.kind == .executed } && !steps.contains { $0.kind == .failed }
                let kind: Step.Kind =
                    entry.inferredFrom != nil
                    ? .resolvedWithoutEvent
                    : verified ? .resolvedAfterVerification : .resolvedByAlertmanager
                if !steps.contains(where: { $0.kind == kind }) { steps.append(Step(kind: kind, entry: entry)) }
            default:
                break
            }
        }
        // A rejection with no failed event still has executed_at (Sentinel sets it on reject).
        if decision == .rejected, !steps.contains(where: { $0.kind == .rejected }), let time = incident.executedAt {
            let entry = Timeline.Entry(status: .failed, time: time, inferredFrom: "executed_at")
            steps.append(
                Step(
                    kind: .rejected, entry: entry, actor: incident.approvedBy, note: rejectionNote,
                    waited: requestedAt.map { $0.time.duration(to: time) }))
        }
        // Only the last postponement is recorded in approved_by and action_error.
        if decision == .postponed, let last = postponements.last {
            steps[last].actor = incident.approvedBy
            if case .postponed(let note) = actionError { steps[last].note = note }
        }
        if case .recoverySweep(let note) = actionError, let entry = entries.last(where: { $0.status == .failed }) ?? entries.last {
            steps.append(Step(kind: .recoverySweep, entry: entry, note: note))
        }
        self.steps = steps.sorted { $0.entry.time < $1.entry.time }
    }

    /// How the incident ended, for the summary.
    public var outcome: Outcome {
        func has(_ kind: Step.Kind) -> Bool { steps.contains { $0.kind == kind } }
        if has(.rejected) { return .afterRejection }
        if has(.approved) { return has(.failed) ? .afterFailedAction : .approvedFix }
        if has(.resolvedByAlertmanager) { return .recoveredOnItsOwn }
        if has(.resolvedWithoutEvent) { return .resolvedByStatusChange }
        return .unknown
    }

    /// How an incident ended.
    public enum Outcome: String, Sendable, CaseIterable {
        /// An engineer approved the proposed action and it resolved the incident.
        case approvedFix
        /// The approved action or its verification failed; the incident was resolved later.
        case afterFailedAction
        /// The proposed action was rejected; the incident was resolved later.
        case afterRejection
        /// Alertmanager reported recovery with no action taken.
        case recoveredOnItsOwn
        /// Resolved by a status change that left no event (a manual PATCH, or Alertmanager).
        case resolvedByStatusChange
        /// Not resolved, or nothing recorded says how.
        case unknown
    }
}
