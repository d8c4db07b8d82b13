/// The last lines of an incident's logs.
public struct LogExcerpt: Sendable, Equatable {
    /// Lines a report shows unless told otherwise (`--log-lines`).
    public static let defaultLineCount = 50

    public var text: String
    public var shownLines: Int
    public var totalLines: Int

    public var isCut: Bool { shownLines < totalLines }

    /// The last `limit` lines of `logs` (blank trailing lines are not counted); `nil` for no logs.
    public init?(logs: String?, limit: Int) {
        guard let logs else { return nil }
        let lines = Self.lines(logs)
        var count = lines.count
        while count > 0, lines[count - 1].allSatisfy(\.isWhitespace) { count -= 1 }
        guard count > 0 else { return nil }
        totalLines = count
        let kept = lines[max(0, count - max(0, limit))..<count]
        shownLines = kept.count
        text = kept.joined(separator: "\n")
    }

    /// The lines of `text`: split on UTF-8 newline bytes when `\n` is its only line break
    /// (the usual case, and much faster), otherwise on every Unicode line break.
    private static func lines(_ text: String) -> [Substring] {
        let otherBreaks: Set<Unicode.Scalar> = ["\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        guard !text.unicodeScalars.contains(where: otherBreaks.contains) else { return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }
        var lines: [Substring] = []
        var start = text.startIndex
        while let newline = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(text[start..<newline])
            start = text.utf8.index(after: newline)
        }
        lines.append(text[start...])
        return lines
    }
}
