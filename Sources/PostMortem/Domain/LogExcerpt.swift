import Bytes

/// The last lines of an incident's logs.
public struct LogExcerpt: Sendable, Equatable {
    /// Lines a report shows unless told otherwise (`--log-lines`).
    public static let defaultLineCount = 50

    public var text: String
    public var shownLines: Int
    public var totalLines: Int

    public var isCut: Bool { shownLines < totalLines }

    /// The last `limit` lines of `logs` (blank trailing lines are not counted); `nil` for no logs.
    /// `leftOut` lines that came before `logs` count in the total.
    public init?(logs: String?, limit: Int, leftOut: Int = 0) {
        guard let logs else { return nil }
        // When `\n` is the only line break (the usual case) the lines are found on UTF-8 bytes
        // and the excerpt is one slice of the logs; otherwise every Unicode line break splits.
        guard !Self.hasOtherLineBreaks(logs) else {
            guard let excerpt = Self.excerpt(of: logs.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline), limit: limit)
            else { return nil }
            self = excerpt
            totalLines += leftOut
            return
        }
        var bytes = logs
        guard let found = bytes.withUTF8({ Self.lastLines(of: $0, limit: limit) }) else { return nil }
        self.init(text: String(logs[utf8Offsets: found.kept]), shownLines: found.shown, totalLines: found.total + leftOut)
    }

    /// How much of `logs` a redactor must see so that everything an excerpt of its last
    /// `limit` lines shows is redacted, whatever starts above it: the UTF-8 offset of the
    /// first line at least `context` bytes above the excerpt, and how many lines come before
    /// it. `nil` when that is all of it, or the logs break lines with anything but `\n`.
    static func redactedPart(of logs: String, limit: Int, context: Int) -> (start: Int, linesBefore: Int)? {
        guard logs.utf8.count > context, !hasOtherLineBreaks(logs) else { return nil }
        var logs = logs
        return logs.withUTF8 { bytes -> (start: Int, linesBefore: Int)? in
            guard let found = lastLines(of: bytes, limit: limit), found.kept.lowerBound > context else { return nil }
            // The first line that starts at or after `context` bytes above the excerpt.
            var start = found.kept.lowerBound - context
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start += 1 }
            guard start < found.kept.lowerBound else { return nil }
            var linesBefore = 0
            var position = bytes.firstNewline(from: 0)
            while position < start {
                linesBefore += 1
                position = bytes.firstNewline(from: position + 1)
            }
            return (start, linesBefore)
        }
    }

    private init(text: String, shownLines: Int, totalLines: Int) {
        self.text = text
        self.shownLines = shownLines
        self.totalLines = totalLines
    }

    /// The excerpt of `lines`, split at any line break.
    private static func excerpt(of lines: [Substring], limit: Int) -> LogExcerpt? {
        var count = lines.count
        while count > 0, lines[count - 1].allSatisfy(\.isWhitespace) { count -= 1 }
        guard count > 0 else { return nil }
        let kept = lines[max(0, count - max(0, limit))..<count]
        return LogExcerpt(text: kept.joined(separator: "\n"), shownLines: kept.count, totalLines: count)
    }

    /// The byte range of the last `limit` lines of `bytes`, split at `\n`, after blank trailing
    /// lines; how many lines it holds, and how many lines there are. `nil` when every line is blank.
    private static func lastLines(of bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> (kept: Range<Int>, shown: Int, total: Int)? {
        let lines = bytes.lineRanges
        var total = lines.count
        while total > 0, isBlank(UnsafeBufferPointer(rebasing: bytes[lines[total - 1]])) { total -= 1 }
        guard total > 0 else { return nil }
        let shown = min(total, max(0, limit))
        let end = lines[total - 1].upperBound
        return ((shown == 0 ? end : lines[total - shown].lowerBound)..<end, shown, total)
    }

    /// Whether a line holds only white space: spaces and tabs, decided on bytes, or Unicode
    /// white space, decided on characters.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.contains(where: { $0 >= 0x80 }) else {
            return line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
        return String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// True when `text` holds a line break other than `\n`: U+000B–U+000D, U+0085, U+2028 or
    /// U+2029, found on UTF-8 bytes (`C2 85`, `E2 80 A8`, `E2 80 A9`).
    static func hasOtherLineBreaks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                index = bytes.skippingWords(from: index) { word in
                    !word.hasNonASCII && !word.has(0x0B) && !word.has(0x0C) && !word.has(0x0D)
                }
                guard index < bytes.count else { break }
                switch bytes[index] {
                case 0x0B...0x0D:
                    return true
                case 0xC2:
                    if index + 1 < bytes.count, bytes[index + 1] == 0x85 { return true }
                case 0xE2:
                    if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return true }
                default:
                    break
                }
                index += 1
            }
            return false
        }
    }
}
