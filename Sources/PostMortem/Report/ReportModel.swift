import Templates

/// Builds the values a post-mortem template renders: a tree of dictionaries, arrays and strings.
///
/// Plain strings are escaped as inline markdown by the template engine. Multi-line text
/// (commands, output, logs) is given as ready-made fenced code blocks under a `block` key, and
/// the agent's markdown as safely re-rendered markdown; both are rendered with triple braces.
/// A value that is absent or blank is left out, so templates choose their own wording for it
/// with `{{^name}}…{{/name}}`. Flags are booleans named after what they flag. Every key is
/// listed in docs/templates.md, which a test keeps in step with this file.
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

    /// Headings under which the agent names the root cause.
    static let rootCauseTitles: EmbeddedMarkdown.Titles = ["Causa raíz", "Root cause"]

    /// The facts of one incident, derived once and shared by the model and the run summary.
    public struct Facts: Sendable {
        public let timeline: Timeline
        public let chain: DecisionChain
        public let durations: KeyDurations
        public let metrics: MetricsReport?
        public let notes: [DataQualityNote]

        public init(incident: Incident, locale: String) {
            timeline = Timeline(incident: incident)
            chain = DecisionChain(incident: incident, timeline: timeline)
            durations = KeyDurations(incident: incident, timeline: timeline, chain: chain)
            metrics = MetricsReport(incident: incident, locale: locale)
            notes = DataQualityNote.notes(incident: incident, timeline: timeline, durations: durations, metrics: metrics)
        }
    }

    public static func make(
        for incident: Incident, facts: Facts, generator: Generator, settings: ReportSettings
    ) -> [String: Any] {
        var model: [String: Any] = [
            "generator": ["version": generator.version, "templates": generator.templateSet, "locale": settings.locale],
            "incident": incidentValues(incident, settings: settings),
            "detectedAt": incident.createdAt.utcText,
            "summary": summaryValues(facts),
            "durations": durationValues(facts.durations),
            "timeline": timelineValues(facts.timeline),
            "action": actionValues(incident, chain: facts.chain),
            "recurrence": recurrenceValues(incident.recurrence),
            "dataQuality": facts.notes.map(noteValues),
            "hasDataQualityNotes": !facts.notes.isEmpty,
        ]
        model["resolvedAt"] = incident.resolvedAt?.utcText
        if let metrics = facts.metrics { model["metrics"] = metricsValues(metrics) }
        if let reasoning = incident.agentReasoning {
            let embedded = EmbeddedMarkdown(reasoning, below: 3)
            model["analysis"] = embedded.text
            model["rootCause"] = embedded.section(titled: rootCauseTitles)
        }
        if let logs = LogExcerpt(logs: incident.logs, limit: settings.logLines) {
            model["logs"] = [
                "block": Markdown.codeBlock(logs.text, language: "text"), "shown": String(logs.shownLines),
                "total": String(logs.totalLines), "cut": logs.isCut,
            ]
        }
        return model
    }

    private static func incidentValues(_ incident: Incident, settings: ReportSettings) -> [String: Any] {
        var values: [String: Any] = [
            "id": incident.id, "title": incident.title, "target": incident.target,
            "severity": incident.severity, "status": incident.status, "sourceType": incident.sourceType,
            "manual": incident.sourceType == "manual",
        ]
        values["url"] = settings.link(for: incident.id)
        values["runtime"] = incident.containerRuntime
        values["type"] = incident.incidentType
        values["server"] = incident.serverName
        values["fingerprint"] = incident.fingerprint
        return values
    }

    private static func summaryValues(_ facts: Facts) -> [String: Any] {
        var values: [String: Any] = [:]
        for outcome in DecisionChain.Outcome.allCases { values[outcome.rawValue] = facts.chain.outcome == outcome }
        let postponements = facts.chain.steps.filter { $0.kind == .postponed }.count
        values["postponed"] = postponements > 0
        values["postponements"] = String(postponements)
        values["timeToResolve"] = facts.durations.resolve.span?.text
        return values
    }

    private static func entryValues(_ entry: Timeline.Entry) -> [String: Any] {
        var values: [String: Any] = ["status": entry.status, "time": entry.time.utcText, "inferred": entry.inferredFrom != nil]
        values["source"] = entry.inferredFrom
        return values
    }

    /// Each measure by name, and all of them in order under `list`, each flagged with its name.
    private static func durationValues(_ durations: KeyDurations) -> [String: Any] {
        var values: [String: Any] = [:]
        var list: [[String: Any]] = []
        for (name, measure) in durations.all {
            var measureValues: [String: Any] = ["applies": measure.applies, "negative": measure.span?.isNegative ?? false]
            measureValues["text"] = measure.span?.text
            measureValues["from"] = measure.start.map(entryValues)
            measureValues["to"] = measure.end.map(entryValues)
            values[name] = measureValues
            for other in KeyDurations.names { measureValues[other] = other == name }
            list.append(measureValues)
        }
        values["list"] = list
        return values
    }

    private static func timelineValues(_ timeline: Timeline) -> [[String: Any]] {
        timeline.entries.enumerated().map { number, entry in
            var values = entryValues(entry)
            values["number"] = String(number + 1)
            values["duplicate"] = entry.isRepeated
            values["beforeDetection"] = entry.isBeforeDetection
            values["afterResolution"] = entry.isAfterResolution
            values["outOfOrder"] = entry.isOutOfOrder
            values["sincePrevious"] = entry.sincePrevious?.text
            return values
        }
    }

    private static func actionValues(_ incident: Incident, chain: DecisionChain) -> [String: Any] {
        var values: [String: Any] = [
            "approved": chain.decision == .approved, "rejected": chain.decision == .rejected,
            "postponed": chain.decision == .postponed, "undecided": chain.decision == .none,
        ]
        values["decidedBy"] = incident.approvedBy
        values["executedAt"] = incident.executedAt?.utcText
        if let proposed = nonBlank(incident.proposedAction) { values["proposed"] = ["block": Markdown.codeBlock(proposed, language: "sh")] }
        if let result = nonBlank(incident.actionResult) { values["result"] = ["block": Markdown.codeBlock(result, language: "text")] }
        // Decision notes are shown with their step; only real command error output is a block.
        if let error = nonBlank(incident.actionError), !["[RECHAZADO]", "[POSPUESTO]", "[RECOVERY]"].contains(where: error.hasPrefix) {
            values["error"] = ["block": Markdown.codeBlock(error, language: "text")]
        }
        values["hasSteps"] = !chain.steps.isEmpty
        values["steps"] = chain.steps.map { step -> [String: Any] in
            var stepValues = entryValues(step.entry)
            // Every kind is set, so a template's `{{#kind}}` never falls through to an outer value.
            for kind in DecisionChain.Step.Kind.allCases { stepValues[kind.rawValue] = step.kind == kind }
            stepValues["actor"] = step.actor
            stepValues["note"] = step.note
            stepValues["waited"] = step.waited?.text
            return stepValues
        }
        return values
    }

    /// The text, or `nil` when it holds only white space (the store already reads those as NULL).
    private static func nonBlank(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }

    private static func metricsValues(_ metrics: MetricsReport) -> [String: Any] {
        var values: [String: Any] = [
            "rows": metrics.rows.map { row -> [String: Any] in
                var rowValues: [String: Any] = [
                    "path": row.path, "value": row.value, "high": row.isHigh, "low": row.isLow, "known": row.label != nil,
                ]
                rowValues["label"] = row.label
                rowValues["unit"] = row.unit.isEmpty ? nil : row.unit
                rowValues["bar"] = row.bar
                return rowValues
            },
            "threshold": "90",
        ]
        values["type"] = metrics.type
        return values
    }

    private static func recurrenceValues(_ recurrence: Recurrence) -> [String: Any] {
        [
            "count": String(recurrence.count), "any": recurrence.count > 0,
            "more": recurrence.count > recurrence.latest.count, "days": String(Recurrence.windowDays),
            "latest": recurrence.latest.map { past -> [String: Any] in
                var values: [String: Any] = [
                    "id": past.id, "title": past.title, "severity": past.severity, "date": past.createdAt.utcDate,
                ]
                values["timeToResolve"] = past.resolvedAt.map { past.createdAt.duration(to: $0).text }
                return values
            },
        ]
    }

    private static func noteValues(_ note: DataQualityNote) -> [String: Any] {
        var values: [String: Any] = [:]
        for kind in DataQualityNote.Kind.allCases { values[kind.rawValue] = note.kind == kind }
        for name in KeyDurations.names { values[name] = false }
        values["status"] = note.status
        values["time"] = note.time?.utcText
        values["column"] = note.column
        if let measure = note.measure {
            values["measure"] = measure
            values[measure] = true
        }
        values["metric"] = note.metric
        return values
    }
}
