import Foundation

extension String {
    /// The text between `\n` characters, found on UTF-8 bytes: `"a\nb\n"` gives `a`, `b` and an
    /// empty last line. A `\r` before a `\n` stays at the end of its line.
    var linesSplitAtNewlines: [Substring] {
        var text = self
        return text.withUTF8 { bytes in
            var lines: [Substring] = []
            guard let base = bytes.baseAddress else { return [self[...]] }
            var start = 0
            var lineStart = startIndex
            while start < bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let lineEnd = utf8.index(lineStart, offsetBy: newline - start)
                lines.append(self[lineStart..<lineEnd])
                start = newline + 1
                lineStart = utf8.index(after: lineEnd)
            }
            lines.append(self[lineStart...])
            return lines
        }
    }
}
