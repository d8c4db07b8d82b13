import Templates

extension String {
    /// The text between `\n` characters, found on UTF-8 bytes: `"a\nb\n"` gives `a`, `b` and an
    /// empty last line. A `\r` before a `\n` stays at the end of its line.
    var linesSplitAtNewlines: [Substring] {
        var text = self
        let ranges = text.withUTF8 { $0.lineRanges }
        return ranges.map { self[utf8Offsets: $0] }
    }
}
