/// The sections of one kind of document, in order: what `postmortem.mustache` and each
/// `types/<incident_type>.mustache` declare.
///
/// A layout file holds one `{{> id}}` line per section (blank lines and `{{! comments }}` aside).
/// A section's id names its partial (`id.mustache`), its heading (`sections.id` in the strings),
/// and the region it renders into in a stored document, so that rewording a heading or
/// switching locale keeps every section in its place. The first section is the title block and
/// has no heading.
public struct DocumentLayout: Sendable, Equatable {
    /// The section ids, in order.
    public let sections: [String]

    /// Parses a layout file; `file` names it in errors.
    init(parsing text: String, file: String) throws(TemplateError) {
        var sections: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || (trimmed.hasPrefix("{{!") && trimmed.hasSuffix("}}")) { continue }
            guard trimmed.hasPrefix("{{>"), trimmed.hasSuffix("}}") else {
                throw .layout(
                    file: file, line: index + 1,
                    reason: "a document lists its sections, one `{{> section}}` per line; headings are in strings.json "
                        + "(`sections`) and everything else in the sections' own templates",
                    sourceLine: String(line))
            }
            let id = String(trimmed.dropFirst(3).dropLast(2).trimmingWhitespace)
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/" }) else {
                throw .layout(
                    file: file, line: index + 1, reason: "a section id is letters, digits, `-`, `_` and `/`", sourceLine: String(line))
            }
            guard !sections.contains(id) else {
                throw .layout(file: file, line: index + 1, reason: "the section \(id) is listed twice", sourceLine: String(line))
            }
            sections.append(id)
        }
        guard !sections.isEmpty else {
            throw .layout(file: file, line: 1, reason: "the document lists no section", sourceLine: "")
        }
        self.sections = sections
    }
}

extension Substring {
    /// The text without spaces, tabs and carriage returns at either end.
    public var trimmingWhitespace: Substring {
        let isText: (Character) -> Bool = { $0 != " " && $0 != "\t" && $0 != "\r" }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return "" }
        return self[first...last]
    }
}
