import Templates

/// A row the action items table starts with, proposed from what Sentinel recorded, for people
/// to confirm, change or delete.
struct ActionItemProposal: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        /// The corrective action that ran: already done.
        case executed
        /// A recommendation from the agent's analysis.
        case recommendation
        /// The note of a rejected action: what to do instead.
        case rejection
        /// The note of a postponed decision.
        case postponement
        /// The error of the corrective action that ran and failed.
        case failure
        /// The incident recurred often enough to look for a common cause.
        case recurring
    }

    enum Category: String, Sendable, CaseIterable {
        case mitigate, prevent, process
    }

    var kind: Kind
    var category: Category
    /// The recorded text the row is about (a recommendation, a note, a command, an error's first line).
    var text: String
    var isDone = false

    /// Headings under which the agent lists what it recommends.
    static let recommendationTitles: EmbeddedMarkdown.Titles = ["Acciones recomendadas", "Recommended actions"]
    /// How many earlier similar incidents make a recurrence worth an action item.
    static let recurrenceThreshold = 3

    /// The proposals for `incident`, in a stable order: what ran, the agent's recommendations,
    /// the decisions' notes, the failure, the recurrence.
    static func proposals(for incident: Incident, facts: ReportModel.Facts) -> [ActionItemProposal] {
        var proposals: [ActionItemProposal] = []
        let executed = facts.chain.steps.contains { $0.kind == .executed }
        let command = ReportModel.nonBlank(incident.proposedAction)?.trimmingCharacters(in: .whitespacesAndNewlines)
        var commandCovered = false
        for item in facts.analysis?.items(titled: recommendationTitles) ?? [] {
            // A recommendation that names the command that ran is the action that was taken.
            let isCommand = executed && command.map { item.contains($0) } == true
            commandCovered = commandCovered || isCommand
            proposals.append(.init(kind: .recommendation, category: isCommand ? .mitigate : .prevent, text: item, isDone: isCommand))
        }
        if executed, let command, !commandCovered {
            proposals.insert(.init(kind: .executed, category: .mitigate, text: command, isDone: true), at: 0)
        }
        switch ActionError(incident.actionError) {
        case .rejected(let note?): proposals.append(.init(kind: .rejection, category: .process, text: note))
        case .postponed(let note?): proposals.append(.init(kind: .postponement, category: .process, text: note))
        case .commandError(let error) where facts.chain.steps.contains(where: { $0.kind == .failed }):
            let firstLine = error.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? error
            proposals.append(.init(kind: .failure, category: .mitigate, text: firstLine))
        default: break
        }
        if incident.recurrence.count >= recurrenceThreshold {
            proposals.append(.init(kind: .recurring, category: .prevent, text: String(incident.recurrence.count)))
        }
        return proposals
    }

    /// The priority a severity suggests: P1 for critical to P4 for low, P3 for anything else.
    static func priority(forSeverity severity: String) -> String {
        switch severity {
        case "critical": "P1"
        case "high": "P2"
        case "low": "P4"
        default: "P3"
        }
    }
}
