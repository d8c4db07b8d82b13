import Templates

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
