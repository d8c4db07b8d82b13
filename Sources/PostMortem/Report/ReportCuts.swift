/// How much of its longest generated parts a post-mortem shows, so that it stays under the
import Bytes
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
        [
            ("logLines", logLineWidth), ("commandOutput", outputCharacters), ("analysis", analysisCharacters),
            ("timeline", timelineEntries),
        ].compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// `text` with every line longer than `width` Unicode scalars cut after `width`, followed
    /// by `marker` of how many it lost; and how many lines were cut. Lines are found and cut on
    /// UTF-8 bytes: a line of `width` bytes or fewer is copied as it is.
    static func cuttingLines(of text: String, width: Int, marker: (Int) -> String) -> (text: String, cut: Int) {
        var source = text
        var pieces: [(range: Range<Int>, lost: Int?)] = []
        source.withUTF8 { bytes in
            var copied = 0
            for line in bytes.lineRanges where line.count > width {
                let length = UnsafeBufferPointer(rebasing: bytes[line]).unicodeScalarCount
                guard length > width else { continue }
                let end = scalarOffset(in: bytes, from: line.lowerBound, scalars: width)
                pieces.append((copied..<end, length - width))
                copied = line.upperBound
            }
            pieces.append((copied..<bytes.count, nil))
        }
        guard pieces.count > 1 else { return (text, 0) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for piece in pieces {
            result += text[utf8Offsets: piece.range]
            if let lost = piece.lost { result += marker(lost) }
        }
        return (result, pieces.count - 1)
    }

    /// The UTF-8 offset `scalars` Unicode scalars after `start` (or the end of `bytes`).
    static func scalarOffset(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> Int {
        var offset = start
        var counted = 0
        while offset < bytes.count {
            if bytes[offset] & 0xC0 != 0x80 {
                if counted == scalars { return offset }
                counted += 1
            }
            offset += 1
        }
        return offset
    }

    /// `text` kept to about `characters` Unicode scalars, a third from its start and the rest
    /// from its end (where errors are), both ending at a line break where one is near; between
    /// them, on a line of its own, `marker` of how many were left out. `nil` when all of it fits.
    static func cuttingMiddle(of text: String, keeping characters: Int, marker: (Int) -> String) -> (text: String, omitted: Int)? {
        let total = text.unicodeScalarCount
        guard total > characters else { return nil }
        let headLength = characters / 3
        let tailLength = characters - headLength
        var source = text
        let (headEnd, tailStart) = source.withUTF8 { bytes -> (Int, Int) in
            var headEnd = scalarOffset(in: bytes, from: 0, scalars: headLength)
            let headHalf = scalarOffset(in: bytes, from: 0, scalars: headLength / 2)
            if let newline = bytes[headHalf..<headEnd].lastIndex(of: UInt8(ascii: "\n")) { headEnd = newline }
            var tailStart = scalarOffset(in: bytes, from: 0, scalars: total - tailLength)
            let tailHalf = scalarOffset(in: bytes, from: tailStart, scalars: tailLength / 2)
            if let newline = bytes[tailStart..<tailHalf].firstIndex(of: UInt8(ascii: "\n")) { tailStart = newline + 1 }
            return (headEnd, tailStart)
        }
        let head = text[utf8Offsets: 0..<headEnd]
        let tail = text[utf8Offsets: tailStart..<text.utf8.count]
        let omitted = total - head.unicodeScalarCount - tail.unicodeScalarCount
        var result = String(head)
        result += "\n" + marker(omitted) + "\n"
        result += tail
        return (result, omitted)
    }
}
