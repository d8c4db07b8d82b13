import Foundation

/// Removes secrets from text before it leaves the database: built-in rules for the
/// credentials logs and command output usually carry, plus a team's own.
public struct Redactor: Sendable {
    public let rules: [RedactionRule]
    private let triggers: TriggerWords

    /// Matches counted by rule name; never the matched text.
    public struct Counts: Sendable, Equatable {
        public var byRule: [String: Int] = [:]

        public init() {}

        public mutating func add(_ other: Counts) {
            byRule.merge(other.byRule, uniquingKeysWith: +)
        }

        /// `Redacted: jwt 2, secret-pair 1.` and a line break; `nil` when nothing was redacted.
        public var line: String? {
            guard !byRule.isEmpty else { return nil }
            return "Redacted: " + byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ".\n"
        }
    }

    public init(rules: [RedactionRule]) {
        self.rules = rules
        self.triggers = TriggerWords(rules)
    }

    /// A redactor that changes nothing (`--no-redact`).
    public static let none = Redactor(rules: [])

    /// `text` with every rule applied in order, counting matches into `counts`.
    public func redact(_ text: String, counts: inout Counts) -> String {
        var text = text
        var run = triggers.rulesToRun(in: text)
        for (index, rule) in rules.enumerated() where run[index] {
            let (redacted, matches) = rule.apply(to: text)
            if matches > 0 {
                text = redacted
                // Later rules see the redacted text.
                run = triggers.rulesToRun(in: text)
                counts.byRule[rule.name, default: 0] += matches
            }
        }
        return text
    }

    /// The incident with every text it carries into a document redacted: title, target,
    /// server, logs, the agent's reasoning, the proposed action, its output and error, the
    /// approver, metric keys and string values, and earlier incidents' titles. The stored
    /// post-mortem is left as it is: what a person wrote stays unchanged in the database.
    public func redact(_ incident: Incident, counts: inout Counts) -> Incident {
        guard !rules.isEmpty else { return incident }
        var incident = incident
        func clean(_ text: String) -> String { redact(text, counts: &counts) }
        incident.title = clean(incident.title)
        incident.target = clean(incident.target)
        incident.serverName = incident.serverName.map(clean)
        incident.logs = incident.logs.map(clean)
        incident.agentReasoning = incident.agentReasoning.map(clean)
        incident.proposedAction = incident.proposedAction.map(clean)
        incident.actionResult = incident.actionResult.map(clean)
        incident.actionError = incident.actionError.map(clean)
        incident.approvedBy = incident.approvedBy.map(clean)
        incident.unparsableMetrics = incident.unparsableMetrics.map(clean)
        incident.metricsSnapshot = incident.metricsSnapshot.map { redact($0, counts: &counts) }
        for index in incident.recurrence.latest.indices {
            incident.recurrence.latest[index].title = clean(incident.recurrence.latest[index].title)
        }
        return incident
    }

    private func redact(_ value: JSONValue, counts: inout Counts) -> JSONValue {
        switch value {
        case .string(let text): .string(redact(text, counts: &counts))
        case .array(let values): .array(values.map { redact($0, counts: &counts) })
        case .object(let members):
            .object(members.map { member in
                // A member named like a secret (`"api_key": "…"`) is a key=value pair: its value goes whole.
                var probe = Counts()
                if case .string = member.value, redact("\(member.key)=value", counts: &probe) != "\(member.key)=value",
                    let rule = probe.byRule.keys.sorted().first
                {
                    counts.byRule[rule, default: 0] += 1
                    return (key: redact(member.key, counts: &counts), value: .string("[REDACTED:\(rule)]"))
                }
                return (key: redact(member.key, counts: &counts), value: redact(member.value, counts: &counts))
            })
        default: value
        }
    }
}
