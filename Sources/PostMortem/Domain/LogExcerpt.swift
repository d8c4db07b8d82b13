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
        guard !hasOtherLineBreaks(text) else { return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }
        return text.linesSplitAtNewlines
    }

    /// True when `text` holds a line break other than `\n`: U+000B–U+000D, U+0085, U+2028 or
    /// U+2029, found on UTF-8 bytes (`C2 85`, `E2 80 A8`, `E2 80 A9`).
    static func hasOtherLineBreaks(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case 0x0B...0x0D: return true
            case 0x85 where previous.1 == 0xC2: return true
            case 0xA8...0xA9 where previous == (0xE2, 0x80): return true
            default: previous = (previous.1, byte)
            }
        }
        return false
    }
}
