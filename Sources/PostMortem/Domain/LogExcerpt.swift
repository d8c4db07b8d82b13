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
        // Split on UTF-8 newline bytes when `\n` is the only line break (the usual case, and
        // much faster), otherwise on every Unicode line break.
        let newlinesOnly = !Self.hasOtherLineBreaks(logs)
        let lines = newlinesOnly ? logs.linesSplitAtNewlines : logs.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var count = lines.count
        while count > 0, lines[count - 1].allSatisfy(\.isWhitespace) { count -= 1 }
        guard count > 0 else { return nil }
        totalLines = count
        let kept = lines[max(0, count - max(0, limit))..<count]
        shownLines = kept.count
        // Lines split at `\n` alone are joined by it in the logs already.
        if newlinesOnly, let first = kept.first, let last = kept.last {
            text = String(logs[first.startIndex..<last.endIndex])
        } else {
            text = kept.joined(separator: "\n")
        }
    }

    /// True when `text` holds a line break other than `\n`: U+000B–U+000D, U+0085, U+2028 or
    /// U+2029, found on UTF-8 bytes (`C2 85`, `E2 80 A8`, `E2 80 A9`).
    static func hasOtherLineBreaks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
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
}
