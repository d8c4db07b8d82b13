import Bytes
import Templates

/// Builds the values a post-mortem template renders: a tree of objects, lists, texts and flags.
///
/// Plain strings are escaped as inline markdown by the template engine. Multi-line text
/// (commands, output, logs) is given as ready-made fenced code blocks under a `block` key, and
/// the agent's markdown as safely re-rendered markdown; both are rendered with triple braces.
/// A value that is absent or blank is left out, so templates choose their own wording for it
/// with `{{^name}}…{{/name}}`. Flags are booleans named after what they flag. Every key is
/// listed in docs/templates.md, which a test keeps in step with this file.
public enum ReportModel {
    /// The version of how facts are computed and laid out, part of every document's inputs
    /// hash: bumped, every stored document is regenerated on the next run (keeping every edit),
    /// so that a fix reaches documents already written. `ModelVersionTests` fails when the
    /// golden documents change and this number does not.
    static let version = 9

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
        /// The agent's reasoning, parsed once for nesting below the analysis heading (a document
        /// cut to fit renders it again).
        public let analysis: EmbeddedMarkdown?
        /// When the impact started, if a person wrote it into the stored post-mortem.
        public let impactStart: Timestamp?
        /// The stored post-mortem, parsed once for the review state and the merge.
        let stored: DocumentMerge.Stored?
        /// Where the review of the stored post-mortem stands.
        let review: ReviewState

        public init(incident: Incident, strings: Strings) {
            timeline = Timeline(incident: incident)
            chain = DecisionChain(incident: incident, timeline: timeline)
            durations = KeyDurations(incident: incident, timeline: timeline, chain: chain)
            metrics = MetricsReport(incident: incident, labels: strings.metrics)
            notes = DataQualityNote.notes(incident: incident, timeline: timeline, durations: durations, metrics: metrics)
            analysis = incident.agentReasoning.map { EmbeddedMarkdown($0, below: 3) }
            stored = DocumentMerge.Stored.parsing(incident.postMortem)
            impactStart = ImpactStart.read(from: stored?.region("impact")?.region.content, label: strings.impact.startLabel)
            review = ReviewState(
                stored: stored, updatedAt: incident.postMortemUpdatedAt, statusLabel: strings.review.statusLabel,
                draft: strings.review.draft)
        }

        /// The length of the longest list that grows with the timeline (see ``ReportCuts/timelineEntries``).
        var longestList: Int {
            max(timeline.entries.count, chain.steps.count, notes.count)
        }
    }

    /// The model of `incident`'s post-mortem, with the longest generated parts shortened as
    /// `cuts` says (see ``DocumentFit``). `layout` lists the document's sections, to tell which
    /// sections for people it has; `nil`: all of them.
    public static func make(
        for incident: Incident, facts: Facts, generator: Generator, settings: ReportSettings, cuts: ReportCuts = ReportCuts(),
        layout: [String]? = nil
    ) -> TemplateObject {
        var model: TemplateObject = [
            "generator": [
                "version": .text(generator.version), "templates": .text(generator.templateSet), "locale": .text(settings.locale),
            ],
            "incident": .object(incidentValues(incident, settings: settings)),
            "detectedAt": .text(incident.createdAt.utcText),
            "summary": .object(summaryValues(facts, strings: settings.strings)),
            "durations": .object(durationValues(facts, incident: incident, strings: settings.strings)),
            "impact": .object(impactValues(incident, facts: facts, strings: settings.strings)),
            "review": .object(
                reviewValues(incident, review: facts.review, layout: layout ?? ReviewState.sectionsForPeople, strings: settings.strings)),
            "actionItems": .object(actionItemValues(incident, facts: facts)),
            "timeline": .list(timelineValues(facts.timeline, keeping: cuts.timelineEntries, strings: settings.strings)),
            "action": .object(actionValues(incident, chain: facts.chain, cuts: cuts, strings: settings.strings)),
            "recurrence": .object(recurrenceValues(incident.recurrence, strings: settings.strings)),
            "dataQuality": .list(
                ends(of: facts.notes, keeping: cuts.timelineEntries) { .object(noteValues($1, strings: settings.strings)) }),
            "hasDataQualityNotes": .flag(!facts.notes.isEmpty),
        ]
        model["resolvedAt"] = text(incident.resolvedAt?.utcText)
        model["maxChars"] = text(settings.maxCharacters.map(String.init))
        if let metrics = facts.metrics { model["metrics"] = .object(metricsValues(metrics, strings: settings.strings)) }
        if let embedded = facts.analysis {
            // Cut only when the cuts reach it; then a part cut to nothing is absent.
            if let analysis = cuts.analysisCharacters.flatMap(embedded.excerpt(fitting:)) {
                model["analysis"] = analysis.text.isEmpty ? nil : .text(analysis.text)
                model["analysisOmitted"] = .text(String(analysis.omittedCharacters))
            } else {
                model["analysis"] = .text(embedded.text)
            }
            if let rootCause = cuts.analysisCharacters.flatMap({ embedded.sectionExcerpt(titled: rootCauseTitles, fitting: $0) }) {
                model["rootCause"] = rootCause.text.isEmpty ? nil : .text(rootCause.text)
                model["rootCauseOmitted"] = .text(String(rootCause.omittedCharacters))
            } else {
                model["rootCause"] = text(embedded.section(titled: rootCauseTitles))
            }
        }
        if let logs = LogExcerpt(logs: incident.logs, limit: settings.logLines, leftOut: incident.logLinesLeftOut) {
            var lines = logs.text
            var longLines = 0
            if let width = cuts.logLineWidth {
                (lines, longLines) = ReportCuts.cuttingLines(of: lines, width: width) {
                    Strings.filling(settings.strings.cuts.lineEnd, count: $0)
                }
            }
            var values: TemplateObject = [
                "block": .text(Markdown.codeBlock(lines, language: "text")), "shown": .text(String(logs.shownLines)),
                "shownIsOne": .flag(logs.shownLines == 1), "total": .text(String(logs.totalLines)),
                "totalIsOne": .flag(logs.totalLines == 1), "cut": .flag(logs.isCut),
            ]
            if longLines > 0, let width = cuts.logLineWidth {
                values["longLines"] = .text(String(longLines))
                values["longLinesIsOne"] = .flag(longLines == 1)
                values["lineWidth"] = .text(String(width))
            }
            model["logs"] = .object(values)
        }
        model["timelineOmitted"] = omitted(total: facts.timeline.entries.count, keeping: cuts.timelineEntries)
        model["dataQualityOmitted"] = omitted(total: facts.notes.count, keeping: cuts.timelineEntries)
        return model
    }

    /// The values of the first and the last elements of `list`, `keeping` in all (all of them
    /// for `nil`), each made by `value` from its offset in the whole list and itself.
    private static func ends<Element>(
        of list: [Element], keeping: Int?, _ value: (Int, Element) -> TemplateValue
    ) -> [TemplateValue] {
        guard let keeping, keeping < list.count else { return list.indices.map { value($0, list[$0]) } }
        let kept = list.indices.prefix((keeping + 1) / 2) + list.indices.suffix(keeping / 2)
        return kept.map { value($0, list[$0]) }
    }

    /// What ``ends(of:keeping:)`` leaves out of a list of `total`: the numbers (from 1) of the
    /// `first` and `last` elements left out, their `count` and the `total`; `nil` when nothing is.
    private static func omitted(total: Int, keeping: Int?) -> TemplateValue? {
        guard let keeping, keeping < total else { return nil }
        return [
            "first": .text(String((keeping + 1) / 2 + 1)), "last": .text(String(total - keeping / 2)),
            "count": .text(String(total - keeping)), "total": .text(String(total)),
        ]
    }

    /// A text value, or none.
    private static func text(_ text: String?) -> TemplateValue? {
        text.map(TemplateValue.text)
    }

    /// A code block under a `block` key.
    private static func block(_ text: String, language: String) -> TemplateValue {
        ["block": .text(Markdown.codeBlock(text, language: language))]
    }

    private static func incidentValues(_ incident: Incident, settings: ReportSettings) -> TemplateObject {
        var values: TemplateObject = [
            "id": .text(incident.id), "title": .text(incident.title), "target": .text(incident.target),
            "severity": .text(incident.severity), "status": .text(incident.status.rawValue), "sourceType": .text(incident.sourceType),
            "manual": .flag(incident.sourceType == "manual"),
            "severityName": .text(settings.strings.name(ofSeverity: incident.severity)),
            "sourceTypeName": .text(settings.strings.sources[incident.sourceType] ?? incident.sourceType),
            "statusName": .text(settings.strings.name(ofStatus: incident.status.rawValue)),
        ]
        values["url"] = text(settings.link(for: incident.id))
        values["runtime"] = text(incident.containerRuntime)
        values["type"] = text(incident.incidentType)
        values["server"] = text(incident.serverName)
        values["fingerprint"] = text(incident.fingerprint)
        return values
    }

    private static func summaryValues(_ facts: Facts, strings: Strings) -> TemplateObject {
        var values = TemplateObject()
        let outcome = facts.chain.outcome
        for each in DecisionChain.Outcome.allCases { values[each.rawValue] = .flag(each == outcome) }
        let postponements = facts.chain.steps.filter { $0.kind == .postponed }.count
        values["postponed"] = .flag(postponements > 0)
        values["postponements"] = .text(String(postponements))
        values["postponementsIsOne"] = .flag(postponements == 1)
        values["timeToResolve"] = text(facts.durations.resolve.span.map { strings.text(of: $0) })
        return values
    }

    private static func entryValues(_ entry: Timeline.Entry, strings: Strings) -> TemplateObject {
        var values: TemplateObject = [
            "status": .text(entry.status.rawValue), "statusName": .text(strings.name(ofStatus: entry.status.rawValue)),
            "time": .text(entry.time.utcText), "inferred": .flag(entry.inferredFrom != nil),
        ]
        values["source"] = text(entry.inferredFrom)
        values["sourceName"] = text(entry.inferredFrom.map { strings.name(ofColumn: $0) })
        return values
    }

    /// Each measure by name, and all of them in order under `list`, each flagged with its name;
    /// `detect` when a person gave the impact's start.
    private static func durationValues(_ facts: Facts, incident: Incident, strings: Strings) -> TemplateObject {
        let durations = facts.durations
        var values = TemplateObject()
        if let start = facts.impactStart {
            let span = start.duration(to: incident.createdAt)
            values["detect"] = [
                "from": .text(start.utcText), "to": .text(incident.createdAt.utcText), "text": .text(strings.text(of: span)),
                "negative": .flag(span.isNegative),
            ]
        }
        var list: [TemplateValue] = []
        for (name, measure) in durations.all {
            var measureValues: TemplateObject = [
                "applies": .flag(measure.applies), "negative": .flag(measure.span?.isNegative ?? false),
            ]
            measureValues["text"] = text(measure.span.map { strings.text(of: $0) })
            measureValues["percent"] = text(durations.percentOfResolve(measure).map(String.init))
            measureValues["from"] = measure.start.map { .object(entryValues($0, strings: strings)) }
            measureValues["to"] = measure.end.map { .object(entryValues($0, strings: strings)) }
            values[name] = .object(measureValues)
            for other in KeyDurations.names { measureValues[other] = .flag(other == name) }
            list.append(.object(measureValues))
        }
        values["list"] = .list(list)
        return values
    }

    /// The timeline's rows; with `keeping`, only that many: the first half and the last.
    private static func timelineValues(_ timeline: Timeline, keeping: Int?, strings: Strings) -> [TemplateValue] {
        ends(of: timeline.entries, keeping: keeping) { number, entry in
            var values = entryValues(entry, strings: strings)
            values["number"] = .text(String(number + 1))
            values["duplicate"] = .flag(entry.isRepeated)
            values["beforeDetection"] = .flag(entry.isBeforeDetection)
            values["afterResolution"] = .flag(entry.isAfterResolution)
            values["outOfOrder"] = .flag(entry.isOutOfOrder)
            values["sincePrevious"] = text(entry.sincePrevious.map { strings.text(of: $0) })
            return .object(values)
        }
    }

    /// A command's output or error as a code block under `block`; with
    /// ``ReportCuts/outputCharacters``, its start and end only, flagged `shortened`, with how many
    /// characters are `omitted` of its `total`.
    private static func output(_ text: String, cuts: ReportCuts, marks: Strings.Cuts) -> TemplateValue {
        guard let budget = cuts.outputCharacters,
            let (kept, omitted) = ReportCuts.cuttingMiddle(
                of: text, keeping: budget,
                marker: { Strings.filling(marks.middle, count: $0) })
        else {
            return ["block": .text(Markdown.codeBlock(text, language: "text")), "shortened": false]
        }
        return [
            "block": .text(Markdown.codeBlock(kept, language: "text")), "shortened": true,
            "omitted": .text(String(omitted)), "total": .text(String(text.unicodeScalarCount)),
        ]
    }

    private static func actionValues(_ incident: Incident, chain: DecisionChain, cuts: ReportCuts, strings: Strings) -> TemplateObject {
        var values: TemplateObject = [
            "approved": .flag(chain.decision == .approved), "rejected": .flag(chain.decision == .rejected),
            "postponed": .flag(chain.decision == .postponed), "undecided": .flag(chain.decision == .none),
        ]
        values["decidedBy"] = text(incident.approvedBy)
        values["executedAt"] = text(incident.executedAt?.utcText)
        if let proposed = nonBlank(incident.proposedAction) { values["proposed"] = block(proposed, language: "sh") }
        if let result = commandOutput(incident) { values["result"] = output(result, cuts: cuts, marks: strings.cuts) }
        if let error = commandError(incident) { values["error"] = output(error, cuts: cuts, marks: strings.cuts) }
        values["hasSteps"] = .flag(!chain.steps.isEmpty)
        values["stepsOmitted"] = omitted(total: chain.steps.count, keeping: cuts.timelineEntries)
        values["steps"] = .list(
            ends(of: chain.steps, keeping: cuts.timelineEntries) { _, step in
                var stepValues = entryValues(step.entry, strings: strings)
                // Every kind is set, so a template's `{{#kind}}` never falls through to an outer value.
                for kind in DecisionChain.Step.Kind.allCases { stepValues[kind.rawValue] = .flag(step.kind == kind) }
                stepValues["actor"] = text(step.actor)
                stepValues["note"] = text(step.note)
                stepValues["waited"] = text(step.waited.map { strings.text(of: $0) })
                return .object(stepValues)
            })
        return values
    }

    /// The command's standard output, when it printed anything.
    static func commandOutput(_ incident: Incident) -> String? {
        nonBlank(incident.actionResult)
    }

    /// The command's error output: `action_error` unless it is a decision note, which is
    /// shown with its step instead.
    static func commandError(_ incident: Incident) -> String? {
        guard case .commandError(let error) = ActionError(incident.actionError) else { return nil }
        return error
    }

    /// The text, or `nil` when it holds only white space (the store already reads those as NULL).
    static func nonBlank(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }

    private static func metricsValues(_ metrics: MetricsReport, strings: Strings) -> TemplateObject {
        var values: TemplateObject = [
            "rows": .list(
                metrics.rows.map { row in
                    let path =
                        switch row.whole {
                        case .notJSON: strings.snapshot.notJSON
                        case .value: strings.snapshot.value
                        case nil: row.path
                        }
                    var rowValues: TemplateObject = [
                        "path": .text(path), "value": shownValue(of: row, strings: strings),
                        "high": .flag(row.isHigh), "low": .flag(row.isLow),
                        "known": .flag(row.label != nil),
                    ]
                    rowValues["label"] = text(row.label)
                    rowValues["unit"] = shownUnit(of: row, strings: strings)
                    rowValues["bar"] = text(row.bar)
                    return .object(rowValues)
                }),
            "threshold": "90",
        ]
        values["type"] = text(metrics.type)
        return values
    }

    /// The rows the action items table starts with, each flagged with its kind and category.
    private static func actionItemValues(_ incident: Incident, facts: Facts) -> TemplateObject {
        let proposals = ActionItemProposal.proposals(for: incident, facts: facts)
        let priority = ActionItemProposal.priority(forSeverity: incident.severity)
        return [
            "hasProposals": .flag(!proposals.isEmpty),
            "proposals": .list(
                proposals.map { proposal in
                    var values: TemplateObject = [
                        "text": .text(proposal.text), "priority": .text(priority), "done": .flag(proposal.isDone),
                    ]
                    for kind in ActionItemProposal.Kind.allCases { values[kind.rawValue] = .flag(proposal.kind == kind) }
                    for category in ActionItemProposal.Category.allCases {
                        values[category.rawValue] = .flag(proposal.category == category)
                    }
                    return .object(values)
                }),
        ]
    }

    /// A metric row's value as shown: a known number with the locale's decimal mark, anything
    /// else as stored.
    private static func shownValue(of row: MetricsReport.Row, strings: Strings) -> TemplateValue {
        .text(row.isNumber ? strings.number(row.value) : row.value)
    }

    /// A metric row's unit in the locale's words; `nil` for a row without one.
    private static func shownUnit(of row: MetricsReport.Row, strings: Strings) -> TemplateValue? {
        row.unit.isEmpty ? nil : .text(strings.units[row.unit] ?? row.unit)
    }

    /// Where the review stands, and who responded: the person who decided on the action.
    private static func reviewValues(_ incident: Incident, review: ReviewState, layout: [String], strings: Strings) -> TemplateObject {
        var values: TemplateObject = ["statusLabel": .text(strings.review.statusLabel), "draft": .text(strings.review.draft)]
        values["status"] = text(review.status)
        let toFill = review.stillToFill(in: layout).map { strings.sections[$0] ?? $0 }
        values["toFill"] = toFill.isEmpty ? nil : .text(toFill.joined(separator: ", "))
        values["lastEdited"] = text(review.lastEdited?.utcText)
        values["responders"] = text(incident.approvedBy == "unknown" ? nil : incident.approvedBy)
        return values
    }

    /// How the incident was detected, its symptoms at detection, and the row labels people fill.
    private static func impactValues(_ incident: Incident, facts: Facts, strings: Strings) -> TemplateObject {
        let manual = incident.sourceType == "manual"
        var values: TemplateObject = [
            "manual": .flag(manual), "alertmanager": .flag(!manual && incident.fingerprint != nil),
            "alert": .flag(!manual && incident.fingerprint == nil), "startLabel": .text(strings.impact.startLabel),
        ]
        if manual, let description = incident.logs {
            values["report"] = text(
                description.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }.map(String.init))
        }
        let symptoms = (facts.metrics?.rows ?? []).filter { $0.isHigh || $0.isLow }
        values["hasSymptoms"] = .flag(!symptoms.isEmpty)
        values["symptoms"] = .list(
            symptoms.map { row in
                var symptom: TemplateObject = [
                    "name": .text(row.label ?? row.path), "value": shownValue(of: row, strings: strings),
                    "high": .flag(row.isHigh), "low": .flag(row.isLow),
                ]
                symptom["unit"] = shownUnit(of: row, strings: strings)
                return .object(symptom)
            })
        return values
    }

    private static func recurrenceValues(_ recurrence: Recurrence, strings: Strings) -> TemplateObject {
        [
            "count": .text(String(recurrence.count)), "countIsOne": .flag(recurrence.count == 1), "any": .flag(recurrence.count > 0),
            "more": .flag(recurrence.count > recurrence.latest.count), "days": .text(String(Recurrence.windowDays)),
            "latest": .list(
                recurrence.latest.map { past in
                    var values: TemplateObject = [
                        "id": .text(past.id), "title": .text(past.title), "severity": .text(past.severity),
                        "severityName": .text(strings.name(ofSeverity: past.severity)), "date": .text(past.createdAt.utcDate),
                    ]
                    values["timeToResolve"] = past.resolvedAt.map { .text(strings.text(of: past.createdAt.duration(to: $0))) }
                    return .object(values)
                }),
        ]
    }

    private static func noteValues(_ note: DataQualityNote, strings: Strings) -> TemplateObject {
        var values = TemplateObject()
        for kind in DataQualityNote.Kind.allCases { values[kind.rawValue] = .flag(note.kind == kind) }
        for name in KeyDurations.names { values[name] = false }
        values["status"] = text(note.status?.rawValue)
        values["statusName"] = text(note.status.map { strings.name(ofStatus: $0.rawValue) })
        values["time"] = text(note.time?.utcText)
        values["column"] = text(note.column)
        values["columnName"] = text(note.column.map { strings.name(ofColumn: $0) })
        if let measure = note.measure {
            values["measure"] = .text(measure)
            values[measure] = true
        }
        values["metric"] = text(note.metric)
        return values
    }
}
