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
            overLimit.append(.init(
                id: id,
                reason: "\(characters) characters, over the limit of \(limit) with every generated part cut: the rest is text "
                    + "people wrote, which is never cut (the dashboard cannot save an edit of it until someone shortens it)"))
        }
    }

    public var processed: Int { generated.count + unchanged.count + skipped.count + failed.count }

    /// The summary for people, several lines, ending with a line break.
    public var text: String {
        let elapsed = String(format: "%.1f s", elapsedSeconds)
        let later = settling == 0 ? "" : "\(settling) left for a later run: resolved less than \(settle.text) ago, "
            + "while Sentinel's own post-mortem writer may still replace what is stored (--settle).\n"
        if processed == 0 {
            let settled = settling == 0 ? "every" : "every settled"
            return "Nothing to do: \(settled) resolved incident's post-mortem is up to date (\(elapsed)).\n" + later
        }
        let verb = dryRun ? "rendered (dry run, nothing written)" : "generated"
        var text = "\(generated.count) \(verb), \(unchanged.count) unchanged, \(conflicts.count) conflicts, "
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

    /// The summary as one JSON object, for monitoring.
    public var json: String {
        func notes(_ notes: [Note]) -> [[String: String]] { notes.map { ["id": $0.id, "reason": $0.reason] } }
        let object: [String: Any] = [
            "generated": generated.count, "unchanged": unchanged.count, "conflicts": conflicts.map { ["id": $0.id, "section": $0.region] },
            "skipped": notes(skipped), "failed": notes(failed), "dryRun": dryRun, "dataQuality": dataQuality,
            "elapsedSeconds": (elapsedSeconds * 1000).rounded() / 1000, "exitCode": Int(exitCode),
            "redactions": redactions.byRule, "settling": settling, "settlingWritten": notes(settlingWritten),
            "shortened": shortened, "shortenedParts": shortenedParts, "overLimit": notes(overLimit),
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
