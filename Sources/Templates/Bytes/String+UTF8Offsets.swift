extension String {
    /// The text between two UTF-8 offsets, which must fall on character boundaries (next to an
    /// ASCII line break, say): a slice of the string itself, not decoded and checked again.
    public subscript(utf8Offsets range: Range<Int>) -> Substring {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return self[start..<utf8.index(start, offsetBy: range.count)]
    }
}
