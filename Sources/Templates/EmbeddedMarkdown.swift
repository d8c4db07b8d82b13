import Foundation

/// Markdown written by a machine or a person, parsed once and made safe to nest below a heading.
///
/// Its headings move down so the shallowest becomes one level below the heading it is nested
/// under; raw HTML turns into visible text, unsafe link targets are dropped, and unbalanced
/// code fences are closed, so nothing in it can escape into the surrounding document.
public struct EmbeddedMarkdown: Sendable {
    private let blocks: [CMark.Block]

    /// Parses `markdown` for nesting below a heading of `level`.
    public init(_ markdown: String, below level: Int) {
        blocks = CMark.nestedBlocks(markdown, below: level)
    }

    /// The whole text, without trailing line breaks, so templates control the spacing after it.
    public var text: String {
        Self.trimmed(blocks.map(\.markdown).joined(separator: "\n"))
    }

    /// The body (without trailing line breaks) of the first section whose heading is one of
    /// `titles` (ignoring case, accents and a trailing colon), up to the next heading of the
    /// same or a higher level. `nil` when no such section exists or it is empty.
    public func section(titled titles: [String]) -> String? {
        let wanted = Set(titles.map(Self.fold))
        guard let start = blocks.firstIndex(where: { $0.headingLevel != nil && wanted.contains(Self.fold($0.headingText)) }),
            let startLevel = blocks[start].headingLevel
        else { return nil }
        let body = blocks[(start + 1)...].prefix { ($0.headingLevel ?? Int.max) > startLevel }
        let text = Self.trimmed(body.map(\.markdown).joined(separator: "\n"))
        return text.isEmpty ? nil : text
    }

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
