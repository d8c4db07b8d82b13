import Bytes
import Foundation

/// Removes secrets from text before it leaves the database: built-in rules for the
/// credentials logs and command output usually carry, plus a team's own.
public struct Redactor: Sendable {
    public let rules: [RedactionRule]
    private let triggers: TriggerWords
    /// The rules in order, each in the way it runs.
    private let groups: [Group]

    /// How a rule runs (see ``redact(_:counts:)``), decided once.
    private enum Group {
        /// Rules that match within two lines, run together on the windows around their words.
        case lines(Range<Int>)
        /// A rule tried only where a key holding one of its words starts.
        case keys(Int)
        /// A rule run over the whole text when one of its words occurs, or always without words.
        case whole(Int)
    }

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
        var groups: [Group] = []
        for (index, rule) in rules.enumerated() {
            switch (rule.startsAtKeys, rule.withinLines, groups.last) {
            case (true, _, _): groups.append(.keys(index))
            case (false, true, .lines(let run)?): groups[groups.count - 1] = .lines(run.lowerBound..<(index + 1))
            case (false, true, _): groups.append(.lines(index..<(index + 1)))
            case (false, false, _): groups.append(.whole(index))
            }
        }
        self.groups = groups
    }

    /// How much of the logs above the lines a document shows is redacted with them: more than
    /// a private key block or a multi-line JSON credential takes.
    public static let logContext = 64 * 1024

    /// A redactor that changes nothing (`--no-redact`).
    public static let none = Redactor(rules: [])

    /// `text` with every rule applied in order, counting matches into `counts`.
    ///
    /// One pass finds where the rules' trigger words occur. A rule that may match across many
    /// lines runs over the whole text when one of its words occurs (or always, without words);
    /// the other rules run only on windows of two lines, one that holds one of their words and
    /// the next (a value may follow its key on the next line, as in YAML or a wrapped header),
    /// so most of a log is never given to a regular expression. Later rules see the redacted text.
    public func redact(_ text: String, counts: inout Counts) -> String {
        guard !rules.isEmpty else { return text }
        var text = text
        var hits = text.withUTF8 { triggers.hits(in: $0) }
        for (position, group) in groups.enumerated() {
            let edits: [TextEdit]
            switch group {
            case .lines(let run):
                edits = redactLines(&text, rules: run, hits: hits, counts: &counts)
            case .keys(let rule), .whole(let rule):
                let offsets = hits.compactMap { $0.rule == rule ? $0.offset : nil }
                guard !offsets.isEmpty || triggers.alwaysRuns(rule) else { continue }
                let replaced =
                    if case .keys = group { rules[rule].apply(to: text, atKeysHolding: offsets) } else { rules[rule].apply(to: text) }
                guard let replaced else { continue }
                text = replaced.text
                counts.byRule[rules[rule].name, default: 0] += replaced.count
                edits = replaced.edits
            }
            // The words found move with the text; only those in and around a change are looked for again.
            if !edits.isEmpty, position < groups.count - 1 {
                hits = text.withUTF8 { triggers.hits(hits, after: edits, in: $0) }
            }
        }
        return text
    }

    /// Applies `group`'s rules, in order, to each window of `text` made of a line that holds
    /// one of their words and the next line (windows that touch are merged); the windows that
    /// changed, as edits of the text before.
    private func redactLines(
        _ text: inout String, rules group: Range<Int>, hits: [TriggerWords.Hit], counts: inout Counts
    ) -> [TextEdit] {
        let candidates = hits.filter { group.contains($0.rule) }
        guard !candidates.isEmpty else { return [] }
        var source = text
        // The windows, each with the rules whose words it holds, by byte range.
        var lines: [(range: Range<Int>, rules: [Int])] = []
        source.withUTF8 { bytes in
            // The line of the previous hit: hits come in order, so each line is searched once,
            // however many hits a long line holds.
            var (start, lineEnd) = (0, -1)
            for hit in candidates {
                if hit.offset > lineEnd {
                    let previousEnd = lineEnd
                    start = hit.offset
                    while start > previousEnd + 1, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
                    lineEnd = bytes.firstNewline(from: hit.offset)
                }
                let end = lineEnd < bytes.count ? bytes.firstNewline(from: lineEnd + 1) : lineEnd
                if let last = lines.last, start <= last.range.upperBound + 1 {
                    lines[lines.count - 1].range = last.range.lowerBound..<max(end, last.range.upperBound)
                    if !last.rules.contains(hit.rule) { lines[lines.count - 1].rules.append(hit.rule) }
                } else {
                    lines.append((start..<end, [hit.rule]))
                }
            }
        }
        var output = ""
        var copied = 0
        var edits: [TextEdit] = []
        for line in lines {
            var redacted = String(source[utf8Offsets: line.range])
            var changed = false
            for rule in group where line.rules.contains(rule) {
                guard let replaced = rules[rule].apply(to: redacted) else { continue }
                redacted = replaced.text
                changed = true
                counts.byRule[rules[rule].name, default: 0] += replaced.count
            }
            guard changed else { continue }
            if edits.isEmpty { output.reserveCapacity(source.utf8.count) }
            edits.append(TextEdit(range: line.range, count: redacted.utf8.count))
            output += source[utf8Offsets: copied..<line.range.lowerBound]
            output += redacted
            copied = line.range.upperBound
        }
        guard !edits.isEmpty else { return [] }
        output += source[utf8Offsets: copied..<source.utf8.count]
        text = output
        return edits
    }

    /// The incident with every text it carries into a document redacted: title, target,
    /// server, logs, the agent's reasoning, the proposed action, its output and error, the
    /// approver, metric keys and string values, and earlier incidents' titles. The stored
    /// post-mortem is left as it is: what a person wrote stays unchanged in the database.
    ///
    /// With `showingLogLines`, only what a document of that many last log lines shows is
    /// redacted and kept of the logs (what is published, and all of it): the lines it shows
    /// and ``logContext`` bytes above them, so that a secret starting above the cut (a private
    /// key whose BEGIN line is cut away, a key whose value is on the next line) is redacted
    /// whole. The lines left out are counted in ``Incident/logLinesLeftOut``.
    public func redact(_ incident: Incident, counts: inout Counts, showingLogLines: Int? = nil) -> Incident {
        guard !rules.isEmpty else { return incident }
        var incident = incident
        func clean(_ text: String) -> String { redact(text, counts: &counts) }
        incident.title = clean(incident.title)
        incident.target = clean(incident.target)
        incident.serverName = incident.serverName.map(clean)
        if let logs = incident.logs, let limit = showingLogLines,
            let part = LogExcerpt.redactedPart(of: logs, limit: limit, context: Self.logContext)
        {
            incident.logs = String(logs[utf8Offsets: part.start..<logs.utf8.count])
            incident.logLinesLeftOut += part.linesBefore
        }
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
            .object(
                members.map { member in
                    // A member named like a secret (`"api_key": "…"`) is a key=value pair: its value goes whole.
                    var probe = Counts()
                    if case .string(let value) = member.value, case let pair = "\(member.key)=\(value)",
                        redact(pair, counts: &probe) != pair, let rule = probe.byRule.keys.sorted().first
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
