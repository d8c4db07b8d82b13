import Templates

/// When the impact started, as a person wrote it into the post-mortem's impact section: the
/// row whose first cell is the locale's label (`impact.startLabel` in strings.json), its
/// second cell a time `yyyy-mm-dd hh:mm[:ss]` in UTC.
enum ImpactStart {
    /// The time in the first such row of `document` that holds one; `nil` when none does.
    static func read(from document: String?, label: String) -> Timestamp? {
        guard let document, document.contains(label) else { return nil }
        for line in document.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
            guard cells.count >= 2, cells.first?.trimmingWhitespace == label[...] else { continue }
            let value = cells[cells.startIndex + 1].trimmingWhitespace.filter { $0 != "*" && $0 != "_" }
            if let time = Timestamp(utcText: value[...]) { return time }
        }
        return nil
    }
}
