/// What an engineer decided about the proposed action, as far as the row records it.
///
/// Sentinel records approve, reject and postpone in the same `approved_by` column; they are
/// told apart by `action_error`'s `[RECHAZADO]` / `[POSPUESTO]` prefixes and by whether the
/// action ran (an `executing_solution` event or `executed_at`).
public enum Decision: Sendable, Equatable {
    case approved
    case rejected
    case postponed
    case none

    public init(incident: Incident) {
        let error = ActionError(incident.actionError)
        if case .rejected = error {
            self = .rejected
        } else if incident.executedAt != nil || incident.events.contains(where: { $0.status == .executingSolution }) {
            self = .approved
        } else if case .postponed = error {
            self = .postponed
        } else {
            self = .none
        }
    }
}
