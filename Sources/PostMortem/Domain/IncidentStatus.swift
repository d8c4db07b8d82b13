/// A status of Sentinel's incident lifecycle, as `incidents.status` and `incident_events.status`
/// hold it; a status this version does not know keeps its text (`unknown`), shown as it is.
public enum IncidentStatus: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    case detected
    case investigating
    case analyzed
    case awaitingApproval
    case executingSolution
    case verifying
    case resolved
    case failed
    case unknown(String)

    /// Every known status, in the lifecycle's order.
    public static let known: [IncidentStatus] = [
        .detected, .investigating, .analyzed, .awaitingApproval, .executingSolution, .verifying, .resolved, .failed,
    ]

    public init(_ text: String) {
        self = Self.known.first { $0.rawValue == text } ?? .unknown(text)
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// The status as Sentinel writes it (`awaiting_approval`).
    public var rawValue: String {
        switch self {
        case .detected: "detected"
        case .investigating: "investigating"
        case .analyzed: "analyzed"
        case .awaitingApproval: "awaiting_approval"
        case .executingSolution: "executing_solution"
        case .verifying: "verifying"
        case .resolved: "resolved"
        case .failed: "failed"
        case .unknown(let text): text
        }
    }

    public var description: String { rawValue }

    /// Position in Sentinel's lifecycle; `nil` for `failed`, which can follow any status, and
    /// for an unknown one.
    var lifecycleRank: Int? {
        switch self {
        case .detected: 0
        case .investigating: 1
        case .analyzed: 2
        case .awaitingApproval: 3
        case .executingSolution: 4
        case .verifying: 5
        case .resolved: 6
        case .failed, .unknown: nil
        }
    }
}
