import Bytes

/// How a post-mortem was kept under the most characters Sentinel's dashboard can save: what
/// was cut, and how long it came out.
///
/// The dashboard saves at most 100,000 characters (Unicode scalars), so a longer document can
/// be loaded but, once edited, never saved. ``fitting(_:facts:settings:document:)`` cuts the
/// generated parts that grow without bound, in this order, each only as far as needed and each
/// never below a floor: every log line to ``ReportCuts/logLineWidth``; the command output and
/// error; the agent's analysis; the timeline and the lists that grow with it. Text a person wrote is never cut: a document that
/// its people's text keeps over the limit is written anyway, and reported.
public struct DocumentFit: Sendable, Equatable {
    /// What was cut; nothing for a document under the limit as generated.
    public var cuts = ReportCuts()
    /// The document's length in Unicode scalars, when it was counted: only a document whose
    /// UTF-8 length passes the limit is (a scalar takes at least one byte).
    public var characters: Int?
    public var limit: Int?

    /// Whether the document is over the limit even with every generated part cut as far as it goes.
    public var isOver: Bool {
        guard let limit, let characters else { return false }
        return characters > limit
    }

    /// Room for the notes that explain the cuts, beyond what the cuts remove.
    static let slack = 600

    /// `incident`'s document as `document` renders and merges it with the cuts it is given,
    /// cut until it is at most ``ReportSettings/maxCharacters`` long, or as far as the cuts go.
    ///
    /// First every log line shown is cut to ``ReportCuts/logLineWidth``. Then the longest of the
    /// other parts (the command output, its error, the analysis, the timeline with its lists)
    /// are cut first: all those longer than one common length are cut to it, the length chosen
    /// so that together they lose what is too much. Each round measures the document it made,
    /// so the text people wrote (kept as it is) is counted, and a round that fell short of its
    /// estimate is followed by another.
    static func fitting(
        _ incident: Incident, facts: ReportModel.Facts, settings: ReportSettings,
        document: (ReportCuts) -> DocumentMerge.Result
    ) -> (merged: DocumentMerge.Result, fit: DocumentFit) {
        var result = document(ReportCuts())
        var fit = DocumentFit(limit: settings.maxCharacters)
        guard let limit = settings.maxCharacters, result.text.utf8.count > limit else { return (result, fit) }
        func render(_ cuts: ReportCuts) -> Int {
            fit.cuts = cuts
            result = document(cuts)
            return result.text.unicodeScalarCount
        }
        var length = result.text.unicodeScalarCount
        if length > limit, Self.logExcess(incident, settings: settings) > 0 {
            var cuts = fit.cuts
            cuts.logLineWidth = ReportCuts.logLineWidth
            length = render(cuts)
        }
        guard length > limit else {
            fit.characters = length
            return (result, fit)
        }
        // What one more entry of the timeline and its lists adds, measured: the document with
        // the fewest entries against the one with all of them. Lists of up to twice the fewest
        // are too short to matter, and not worth the rendering.
        let entries = facts.longestList
        var perEntry = 0
        if entries > 2 * ReportCuts.leastTimelineEntries {
            var fewest = fit.cuts
            fewest.timelineEntries = ReportCuts.leastTimelineEntries
            let shorter = document(fewest).text.unicodeScalarCount
            perEntry = max(1, (length - shorter) / (entries - ReportCuts.leastTimelineEntries))
        }
        let parts = Parts(incident, facts: facts, entries: entries, perEntry: perEntry)
        for _ in 1...3 where length > limit {
            guard let cuts = parts.cut(fit.cuts, removing: length - limit + slack) else { break }
            length = render(cuts)
        }
        fit.characters = length
        return (result, fit)
    }

    /// How many characters the log lines shown have beyond ``ReportCuts/logLineWidth``, summed.
    private static func logExcess(_ incident: Incident, settings: ReportSettings) -> Int {
        guard let logs = LogExcerpt(logs: incident.logs, limit: settings.logLines) else { return 0 }
        var text = logs.text
        // Only a line of more bytes than the width can have more characters.
        return text.withUTF8 { bytes in
            bytes.lineRanges.reduce(0) { excess, line in
                line.count <= ReportCuts.logLineWidth
                    ? excess
                    : excess + max(0, UnsafeBufferPointer(rebasing: bytes[line]).unicodeScalarCount - ReportCuts.logLineWidth)
            }
        }
    }

    /// The parts cut to a common length, with their lengths in Unicode scalars as shown.
    private struct Parts {
        /// The command output and its error.
        var outputs: [Int]
        var analysis: Int
        /// How many entries the longest list that grows with the timeline has, and what each adds.
        var entries: Int
        var perEntry: Int

        init(_ incident: Incident, facts: ReportModel.Facts, entries: Int, perEntry: Int) {
            outputs = [ReportModel.commandOutput(incident), ReportModel.commandError(incident)].compactMap { $0?.unicodeScalarCount }
            analysis = facts.analysis?.text.unicodeScalarCount ?? 0
            self.entries = entries
            self.perEntry = perEntry
        }

        /// The shown length of each part, under `cuts`, and the least it may be cut to.
        private func lengths(_ cuts: ReportCuts) -> [(shown: Int, least: Int)] {
            let output = cuts.outputCharacters ?? .max
            return outputs.map { (min($0, output), min($0, ReportCuts.leastOutputCharacters)) }
                + [(min(analysis, cuts.analysisCharacters ?? .max), 0)]
                + [
                    (
                        min(entries, cuts.timelineEntries ?? .max) * perEntry,
                        min(entries, ReportCuts.leastTimelineEntries) * perEntry
                    )
                ]
        }

        /// `cuts` with every part longer than one common length cut to it (never below its
        /// least), the length chosen so that they lose `excess` characters together, or as
        /// many as they can; `nil` when no part can lose more.
        func cut(_ original: ReportCuts, removing excess: Int) -> ReportCuts? {
            let parts = lengths(original)
            func total(_ common: Int) -> Int { parts.reduce(0) { $0 + max($1.least, min($1.shown, common)) } }
            let shown = total(.max)
            guard shown > total(0) else { return nil }
            // The longest common length at which the parts lose enough.
            var low = 0
            var high = parts.map(\.shown).max() ?? 0
            while low < high {
                let middle = (low + high + 1) / 2
                if shown - total(middle) >= excess { low = middle } else { high = middle - 1 }
            }
            var cuts = original
            if outputs.contains(where: { $0 > max(low, ReportCuts.leastOutputCharacters) }) {
                cuts.outputCharacters = min(cuts.outputCharacters ?? .max, max(low, ReportCuts.leastOutputCharacters))
            }
            if analysis > low { cuts.analysisCharacters = min(cuts.analysisCharacters ?? .max, low) }
            if perEntry > 0 {
                let kept = max(ReportCuts.leastTimelineEntries, low / perEntry)
                if kept < entries { cuts.timelineEntries = min(cuts.timelineEntries ?? .max, kept) }
            }
            return cuts == original ? nil : cuts
        }
    }
}
