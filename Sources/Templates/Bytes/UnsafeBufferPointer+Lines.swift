import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// The byte ranges between `\n` bytes, found with `memchr`: `a\nb\n` gives `a`, `b` and an
    /// empty last line.
    public var lineRanges: [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let newline = firstNewline(from: start)
            guard newline < count else { break }
            ranges.append(start..<newline)
            start = newline + 1
        }
        ranges.append(start..<count)
        return ranges
    }

    /// The offset of the first `\n` at or after `start`, found with `memchr`; `count` when none.
    public func firstNewline(from start: Int) -> Int {
        guard let base = baseAddress, start < count,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start)
        else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
