import Templates

/// Builds the values a post-mortem template renders: a tree of dictionaries, arrays and strings.
///
/// Plain strings are escaped as inline markdown by the template engine. Multi-line text
/// (commands, output, logs, the agent's analysis) is given as ready-made fenced code blocks
/// under a `block` key, rendered with triple braces. A value that is absent or blank is left
/// out, so templates choose their own wording for it with `{{^name}}…{{/name}}`.
public enum ReportModel {
    /// Who generated the document, shown in its header.
    public struct Generator: Sendable {
        public var version: String
        public var templateSet: String

        public init(version: String, templateSet: String) {
            self.version = version
            self.templateSet = templateSet
        }
    }

    public static func make(for incident: Incident, generator: Generator) -> [String: Any] {
        var model: [String: Any] = [
            "generator": ["version": generator.version, "templates": generator.templateSet],
            "incident": incidentValues(incident),
            "detectedAt": incident.createdAt.utcText,
            "timeline": timelineValues(Timeline(incident: incident)),
            "action": actionValues(incident),
        ]
        if let resolvedAt = incident.resolvedAt {
            model["resolvedAt"] = resolvedAt.utcText
            let span = incident.createdAt.duration(to: resolvedAt)
            model["timeToResolve"] = ["text": span.text, "negative": span.isNegative]
        }
        if let metrics = metricsValues(incident) { model["metrics"] = metrics }
        if let reasoning = incident.agentReasoning {
            model["analysis"] = ["block": Markdown.codeBlock(reasoning, language: "markdown")]
        }
        if let logs = incident.logs {
            model["logs"] = [
                "block": Markdown.codeBlock(logs, language: "text"),
                "lineCount": String(logs.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).count),
            ]
        }
        return model
    }

    private static func incidentValues(_ incident: Incident) -> [String: Any] {
        var values: [String: Any] = [
            "id": incident.id, "title": incident.title, "target": incident.target,
            "severity": incident.severity, "status": incident.status, "sourceType": incident.sourceType,
        ]
        values["runtime"] = incident.containerRuntime
        values["type"] = incident.incidentType
        values["server"] = incident.serverName
        values["fingerprint"] = incident.fingerprint
        return values
    }

    private static func timelineValues(_ timeline: Timeline) -> [[String: Any]] {
        timeline.entries.enumerated().map { number, entry in
            var values: [String: Any] = [
                "number": String(number + 1), "time": entry.time.utcText, "status": entry.status,
                "inferred": entry.inferredFrom != nil, "duplicate": entry.isRepeated,
                "beforeDetection": entry.isBeforeDetection, "afterResolution": entry.isAfterResolution,
            ]
            values["source"] = entry.inferredFrom
            values["sincePrevious"] = entry.sincePrevious?.text
            return values
        }
    }

    private static func actionValues(_ incident: Incident) -> [String: Any] {
        let decision = Decision(incident: incident)
        var values: [String: Any] = [
            "approved": decision == .approved, "rejected": decision == .rejected,
            "postponed": decision == .postponed, "undecided": decision == .none,
        ]
        values["decidedBy"] = incident.approvedBy
        values["executedAt"] = incident.executedAt?.utcText
        if let proposed = incident.proposedAction { values["proposed"] = ["block": Markdown.codeBlock(proposed, language: "sh")] }
        if let result = incident.actionResult { values["result"] = ["block": Markdown.codeBlock(result, language: "text")] }
        if let error = incident.actionError { values["error"] = ["block": Markdown.codeBlock(error, language: "text")] }
        return values
    }

    /// The snapshot as rows of dotted path and value; `nil` when nothing was captured.
    private static func metricsValues(_ incident: Incident) -> [String: Any]? {
        if let raw = incident.unparsableMetrics {
            return ["rows": [["path": "(not valid JSON)", "value": raw]]]
        }
        guard let snapshot = incident.metricsSnapshot, snapshot != .null, snapshot != .object([]), snapshot != .array([])
        else { return nil }
        let rows = snapshot.leaves.map { ["path": $0.path.isEmpty ? "(value)" : $0.path, "value": $0.value] }
        return ["rows": rows]
    }
}
