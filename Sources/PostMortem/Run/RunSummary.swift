import Foundation

/// What a `generate` run did, incident by incident.
public struct RunSummary: Sendable {
    /// An incident and why it was skipped or failed.
    public struct Note: Sendable, Equatable {
        public var id: String
        public var reason: String
    }

    /// An incident region a person edited while its generated content changed.
    public struct Conflict: Sendable, Equatable {
        public var id: String
        public var region: String
    }

    /// Written (or, in a dry run, would have been).
    public var generated: [String] = []
    /// Regenerated with exactly the text already stored: nothing written.
    public var unchanged: [String] = []
    public var conflicts: [Conflict] = []
    /// Changed by someone else between read and write; the next run picks them up.
    public var skipped: [Note] = []
    public var failed: [Note] = []
    /// Due incidents a batch run left for a later one: resolved less than ``settle`` ago.
    public var settling = 0
    public var settle = Span(microseconds: 0)
    /// Written although resolved less than ``settle`` ago (asked for by id): Sentinel's own
    /// post-mortem writer may still replace them.
    public var settlingWritten: [Note] = []
    public var dryRun = false
    /// Documents whose generated parts were cut to stay under the character limit.
    public var shortened = 0
    /// Those documents, counted by the part cut (see ``ReportCuts/parts``).
    public var shortenedParts: [String: Int] = [:]
    /// Documents over the limit even so: what people wrote is never cut.
    public var overLimit: [Note] = []
    public var limit: Int?
    /// Data quality notes found in the rendered documents, counted by kind.
    public var dataQuality: [String: Int] = [:]
    public var elapsedSeconds = 0.0
    /// Secrets removed, counted by redaction rule.
    public var redactions = Redactor.Counts()

    public var exitCode: Int32 { failed.isEmpty ? 0 : 1 }

    /// Counts what `fit` cut of incident `id`'s document, and notes it when it is over the limit.
    mutating func record(_ fit: DocumentFit, of id: String) {
        limit = fit.limit
        let parts = fit.cuts.parts
        if !parts.isEmpty { shortened += 1 }
        for part in parts { shortenedParts[part, default: 0] += 1 }
        if fit.isOver, let characters = fit.characters, let limit = fit.limit {
            overLimit.append(
                .init(
                    id: id,
                    reason: "\(characters) characters, over the limit of \(limit) with every generated part cut: the rest is text "
                        + "people wrote, which is never cut (the dashboard cannot save an edit of it until someone shortens it)"))
        }
    }

    public var processed: Int { generated.count + unchanged.count + skipped.count + failed.count }

    /// The summary for people, several lines, ending with a line break.
    public var text: String {
        let elapsed = String(format: "%.1f s", elapsedSeconds)
        let later =
            settling == 0
            ? ""
            : "\(settling) left for a later run: resolved less than \(settle.text) ago, "
                + "while Sentinel's own post-mortem writer may still replace what is stored (--settle).\n"
        if processed == 0 {
            let settled = settling == 0 ? "every" : "every settled"
            return "Nothing to do: \(settled) resolved incident's post-mortem is up to date (\(elapsed)).\n" + later
        }
        let verb = dryRun ? "rendered (dry run, nothing written)" : "generated"
        var text =
            "\(generated.count) \(verb), \(unchanged.count) unchanged, \(conflicts.count) conflicts, "
            + "\(skipped.count) skipped, \(failed.count) failed in \(elapsed).\n"
        if !dataQuality.isEmpty {
            let counts = dataQuality.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            text += "Data quality notes: \(counts.joined(separator: ", ")).\n"
        }
        text += later
        if shortened > 0, let limit {
            let parts = shortenedParts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            text += "Shortened to stay under \(limit) characters: \(shortened) (\(parts.joined(separator: ", "))).\n"
        }
        if let line = redactions.line { text += line }
        for conflict in conflicts {
            text += "  conflict \(conflict.id): section '\(conflict.region)' was edited by a person and its facts changed; kept as edited\n"
        }
        for note in skipped { text += "  skipped \(note.id): \(note.reason)\n" }
        for note in failed { text += "  failed  \(note.id): \(note.reason)\n" }
        for note in overLimit { text += "  long    \(note.id): \(note.reason)\n" }
        for note in settlingWritten { text += "  note    \(note.id): \(note.reason)\n" }
        return text
    }

    /// The summary as one JSON object on one line, for monitoring (keys sorted).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONSummary(self)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The fields of ``RunSummary/json``: counts, and the incidents of each list with their reasons.
private struct JSONSummary: Encodable {
    struct Note: Encodable {
        var id: String
        var reason: String
    }

    struct Conflict: Encodable {
        var id: String
        var section: String
    }

    var generated: Int
    var unchanged: Int
    var conflicts: [Conflict]
    var skipped: [Note]
    var failed: [Note]
    var dryRun: Bool
    var dataQuality: [String: Int]
    var elapsedSeconds: Double
    var exitCode: Int
    var redactions: [String: Int]
    var settling: Int
    var settlingWritten: [Note]
    var shortened: Int
    var shortenedParts: [String: Int]
    var overLimit: [Note]

    init(_ summary: RunSummary) {
        func notes(_ notes: [RunSummary.Note]) -> [Note] { notes.map { Note(id: $0.id, reason: $0.reason) } }
        generated = summary.generated.count
        unchanged = summary.unchanged.count
        conflicts = summary.conflicts.map { Conflict(id: $0.id, section: $0.region) }
        skipped = notes(summary.skipped)
        failed = notes(summary.failed)
        dryRun = summary.dryRun
        dataQuality = summary.dataQuality
        elapsedSeconds = (summary.elapsedSeconds * 1000).rounded() / 1000
        exitCode = Int(summary.exitCode)
        redactions = summary.redactions.byRule
        settling = summary.settling
        settlingWritten = notes(summary.settlingWritten)
        shortened = summary.shortened
        shortenedParts = summary.shortenedParts
        overLimit = notes(summary.overLimit)
    }
}
