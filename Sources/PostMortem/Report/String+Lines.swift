extension String {
    /// The text between `\n` characters, found on UTF-8 bytes: `"a\nb\n"` gives `a`, `b` and an
    /// empty last line. A `\r` before a `\n` stays at the end of its line.
    var linesSplitAtNewlines: [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(self[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(self[start...])
        return lines
    }
}
