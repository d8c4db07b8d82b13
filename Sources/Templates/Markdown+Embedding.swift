import Foundation

extension Markdown {
    /// Markdown written by a machine or a person, made safe to nest below a heading of `level`.
    ///
    /// Its headings move down so the shallowest becomes level `level + 1`; raw HTML turns into
    /// visible text, unsafe link targets are dropped, and unbalanced code fences are closed, so
    /// nothing in it can escape into the surrounding document.
    public static func embedded(_ markdown: String, below level: Int) -> String {
        let shift = headingShift(for: markdown, below: level)
        return trimmed(CMark.nestedBlocks(markdown, headingShift: shift).map(\.markdown).joined(separator: "\n"))
    }

    /// The body (without trailing line breaks) of the first section whose heading is one of `titles` (ignoring case, accents
    /// and a trailing colon), up to the next heading of the same or a higher level, embedded
    /// below `level`. `nil` when no such section exists or it is empty.
    public static func section(_ markdown: String, titled titles: [String], below level: Int) -> String? {
        let shift = headingShift(for: markdown, below: level)
        let wanted = Set(titles.map(fold))
        let blocks = CMark.nestedBlocks(markdown, headingShift: shift)
        guard let start = blocks.firstIndex(where: { $0.headingLevel != nil && wanted.contains(fold($0.headingText)) }),
            let startLevel = blocks[start].headingLevel
        else { return nil }
        let body = blocks[(start + 1)...].prefix { ($0.headingLevel ?? Int.max) > startLevel }
        let text = trimmed(body.map(\.markdown).joined(separator: "\n"))
        return text.isEmpty ? nil : text
    }

    /// How far headings must move so the shallowest one lands at `level + 1`.
    private static func headingShift(for markdown: String, below level: Int) -> Int {
        let shallowest = CMark.nestedBlocks(markdown, headingShift: 0).compactMap(\.headingLevel).min() ?? (level + 1)
        return max(0, level + 1 - shallowest)
    }

    /// Without trailing line breaks, so templates control the spacing after it.
    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    private static func fold(_ title: String) -> String {
        var text = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
        while text.hasSuffix(":") { text.removeLast() }
        return text
    }
}
