import Templates

/// Reads what a person wrote into a two-column table the templates generate for people to
/// fill: the second cells of the rows whose first cell is a given label.
enum LabeledCell {
    /// The second cell of each row of `text` whose first cell is `label`, in order, trimmed and
    /// without markdown emphasis; empty cells are left out.
    static func values(labeled label: String, in text: String?) -> [Substring] {
        guard let text, text.contains(label) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("|") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
            guard cells.count >= 2, cells.first?.trimmingWhitespace == label[...] else { return nil }
            let value = Substring(cells[cells.startIndex + 1].filter { $0 != "*" && $0 != "_" }).trimmingWhitespace
            return value.isEmpty ? nil : value
        }
    }
}
