import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// The byte ranges between `\n` bytes, found with `memchr`: `a\nb\n` gives `a`, `b` and an
    /// empty last line.
    var lineRanges: [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        if let base = baseAddress {
            while start < count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                ranges.append(start..<newline)
                start = newline + 1
            }
        }
        ranges.append(start..<count)
        return ranges
    }
}

extension String {
    /// The text between `\n` characters, found on UTF-8 bytes: `"a\nb\n"` gives `a`, `b` and an
    /// empty last line. A `\r` before a `\n` stays at the end of its line.
    var linesSplitAtNewlines: [Substring] {
        var text = self
        let ranges = text.withUTF8 { $0.lineRanges }
        let utf8 = utf8
        return ranges.map { range in
            self[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
    }
}
