/// How much of its longest generated parts a post-mortem shows, so that it stays under the
/// most Sentinel's dashboard can save (see ``DocumentFit``). Nothing is cut by default.
///
/// Every cut is marked where it is made and explained in a note that says how to see it all.
/// Cuts never leave markdown open: code blocks are built again around what is kept, the
/// analysis is cut between its blocks, and the timeline loses whole rows.
public struct ReportCuts: Sendable, Equatable {
    /// Log lines longer than this many characters end after it, with how many were left out.
    public var logLineWidth: Int?
    /// The command output and its error show at most about this many characters each: their
    /// start and their end.
    public var outputCharacters: Int?
    /// The agent's analysis, and its root cause, show their first blocks up to this many characters.
    public var analysisCharacters: Int?
    /// The timeline, and the lists that grow with it (the decision chain, the data quality
    /// notes), show this many entries each: their first and their last ones.
    public var timelineEntries: Int?
    /// The limit the cuts keep the document under, named in their notes.
    public var limit: Int?

    public init() {}

    /// The width log lines are cut to: wide enough for a stack frame or a structured log's
    /// message, narrow enough that 50 of them take well under half of the default limit.
    public static let logLineWidth = 500
    /// The least of the command output or error a cut keeps.
    public static let leastOutputCharacters = 1_000
    /// The fewest timeline entries a cut keeps.
    public static let leastTimelineEntries = 10

    /// Which parts are cut, by the names the run summary counts them under.
    public var parts: [String] {
        [("logLines", logLineWidth), ("commandOutput", outputCharacters), ("analysis", analysisCharacters),
         ("timeline", timelineEntries)].compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// The end of a log line that lost `count` characters, in `locale`'s words.
    static func lineMarker(_ count: Int, locale: String) -> String {
        locale == "es" ? " [... \(count) caracteres más]" : " [... \(count) more characters]"
    }

    /// The line that stands for `count` characters left out of a command's output.
    static func middleMarker(_ count: Int, locale: String) -> String {
        locale == "es" ? "[... \(count) caracteres omitidos ...]" : "[... \(count) characters left out ...]"
    }

    /// `text` with every line longer than `width` Unicode scalars cut after `width`, followed
    /// by `marker` of how many it lost; and how many lines were cut.
    static func cuttingLines(of text: String, width: Int, marker: (Int) -> String) -> (text: String, cut: Int) {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var cut = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += "\n" }
            let length = line.unicodeScalarCount
            guard length > width else {
                result += line
                continue
            }
            result.unicodeScalars.append(contentsOf: line.unicodeScalars.prefix(width))
            result += marker(length - width)
            cut += 1
        }
        return (result, cut)
    }

    /// `text` kept to about `characters` Unicode scalars, a third from its start and the rest
    /// from its end (where errors are), both ending at a line break where one is near; between
    /// them, on a line of its own, `marker` of how many were left out. `nil` when all of it fits.
    static func cuttingMiddle(of text: String, keeping characters: Int, marker: (Int) -> String) -> (text: String, omitted: Int)? {
        let scalars = text.unicodeScalars
        let total = scalars.count
        guard total > characters else { return nil }
        let headLength = characters / 3
        var head = scalars.prefix(headLength)
        if let newline = head.lastIndex(of: "\n"), scalars.distance(from: head.startIndex, to: newline) >= headLength / 2 {
            head = scalars[head.startIndex..<newline]
        }
        let tailLength = characters - headLength
        var tail = scalars.suffix(tailLength)
        if let newline = tail.firstIndex(of: "\n"), scalars.distance(from: tail.startIndex, to: newline) < tailLength / 2 {
            tail = scalars[scalars.index(after: newline)...]
        }
        let omitted = total - head.count - tail.count
        var result = String(String.UnicodeScalarView(head))
        result += "\n" + marker(omitted) + "\n"
        result.unicodeScalars.append(contentsOf: tail)
        return (result, omitted)
    }
}
