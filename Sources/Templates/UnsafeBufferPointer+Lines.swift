import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// The byte ranges between `\n` bytes, found with `memchr`: `a\nb\n` gives `a`, `b` and an
    /// empty last line.
    public var lineRanges: [Range<Int>] {
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
