import Bytes
import Foundation

/// Markdown written by a machine or a person, parsed once and made safe to nest below a heading.
///
/// Its headings move down so the shallowest becomes one level below the heading it is nested
/// under; raw HTML turns into visible text, unsafe link targets are dropped, and unbalanced
/// code fences are closed, so nothing in it can escape into the surrounding document.
public struct EmbeddedMarkdown: Sendable {
    /// One top-level block of the nested text.
    struct Block: Sendable {
        /// The heading's level before shifting, or `nil` when the block is not a heading.
        var headingLevel: Int?
        /// The heading's plain text; empty for other blocks.
        var headingText: String
        /// Where the block lies in ``text``, as UTF-8 offsets (its end may lie past a trimmed end).
        var range: Range<Int>
    }

    /// The whole text, without trailing line breaks, so templates control the spacing after it:
    /// the blocks, each ending with a line break, with a blank line between two.
    public let text: String
    private let blocks: [Block]

    /// Parses `markdown` for nesting below a heading of `level`: plain text without cmark-gfm.
    public init(_ markdown: String, below level: Int) {
        self = PlainMarkdown.nested(markdown, below: level) ?? EmbeddedMarkdown(blocks: CMark.nestedBlocks(markdown, below: level))
    }

    /// The blocks joined, one after another.
    init(blocks: [CMark.Block]) {
        var joined = ""
        joined.reserveCapacity(blocks.reduce(0) { $0 + $1.markdown.utf8.count + 1 })
        var ranges: [Block] = []
        for block in blocks {
            if !joined.isEmpty { joined += "\n" }
            let start = joined.utf8.count
            joined += block.markdown
            ranges.append(Block(headingLevel: block.headingLevel, headingText: block.headingText, range: start..<joined.utf8.count))
        }
        self.init(joined: joined, blocks: ranges)
    }

    /// `joined`, the blocks with a blank line between two, and where each lies in it.
    init(joined: String, blocks: [Block]) {
        text = String(Self.trimmed(joined[...]))
        self.blocks = blocks
    }

    /// Each heading's level and plain text, in order.
    var headings: [String] {
        blocks.compactMap { block in block.headingLevel.map { "\($0) \(block.headingText)" } }
    }

    /// The body (without trailing line breaks) of the first section whose heading is one of
    /// `titles` (ignoring case, accents and a trailing colon), up to the next heading of the
    /// same or a higher level. `nil` when no such section exists or it is empty.
    public func section(titled titles: Titles) -> String? {
        guard let body = sectionBlocks(titled: titles) else { return nil }
        let section = joined(body)
        return section.isEmpty ? nil : String(section)
    }

    /// The blocks of the section ``section(titled:)`` returns; `nil` when there is none.
    /// The plain text of each item of the section titled one of `titles` (each list item, or
    /// each paragraph); `nil` without such a section.
    public func items(titled titles: Titles) -> [String]? {
        guard let body = sectionBlocks(titled: titles) else { return nil }
        return CMark.itemTexts(String(joined(body)))
    }

    private func sectionBlocks(titled titles: Titles) -> ArraySlice<Block>? {
        guard let start = blocks.firstIndex(where: { $0.headingLevel != nil && titles.folded.contains(Self.fold($0.headingText)) }),
            let startLevel = blocks[start].headingLevel
        else { return nil }
        let body = blocks[(start + 1)...].prefix { ($0.headingLevel ?? Int.max) > startLevel }
        return body.isEmpty ? nil : body
    }

    /// The text of consecutive `blocks`, joined as they are in ``text``, without trailing line breaks.
    private func joined(_ blocks: ArraySlice<Block>) -> Substring {
        guard let first = blocks.first, let last = blocks.last else { return "" }
        return Self.trimmed(text[utf8Offsets: first.range.lowerBound..<min(last.range.upperBound, text.utf8.count)])
    }

    /// The start of a text, whole blocks only, and how much of it is left out.
    public struct Excerpt: Sendable, Equatable {
        /// The blocks kept, without trailing line breaks; empty when not even the first fits.
        public let text: String
        /// Characters (Unicode scalars) of the text left out.
        public let omittedCharacters: Int
    }

    /// The first blocks of ``text`` that fit in `characters` Unicode scalars, cut only between
    /// blocks, so that no list, table or code block is left open; `nil` when all of it fits.
    public func excerpt(fitting characters: Int) -> Excerpt? {
        excerpt(of: blocks[...], fitting: characters)
    }

    /// ``section(titled:)`` cut like ``excerpt(fitting:)``; `nil` when there is no such section
    /// or all of it fits.
    public func sectionExcerpt(titled titles: Titles, fitting characters: Int) -> Excerpt? {
        sectionBlocks(titled: titles).flatMap { excerpt(of: $0, fitting: characters) }
    }

    private func excerpt(of blocks: ArraySlice<Block>, fitting characters: Int) -> Excerpt? {
        let total = joined(blocks).unicodeScalarCount
        guard total > characters else { return nil }
        // Counted block by block (with the break that ends each, so at most one over).
        var kept = blocks.startIndex
        var counted = 0
        var position = min(blocks[kept].range.lowerBound, text.utf8.count)
        while kept < blocks.endIndex {
            let end = max(position, min(blocks[kept].range.upperBound, text.utf8.count))
            counted += text[utf8Offsets: position..<end].unicodeScalarCount
            position = end
            guard counted <= characters else { break }
            kept += 1
        }
        let text = joined(blocks[blocks.startIndex..<kept])
        return Excerpt(text: String(text), omittedCharacters: total - text.unicodeScalarCount)
    }

    /// `text` without trailing line breaks: `\n` bytes first, then any other (`\r`, U+2028…) as
    /// characters, read only when the last byte may end one.
    private static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "\n") { end = utf8.index(before: end) }
        var trimmed = text[..<end]
        if let last = trimmed.utf8.last, last == 0x0D || last == 0x0B || last == 0x0C || last >= 0x80 {
            while trimmed.last?.isNewline == true { trimmed = trimmed.dropLast() }
        }
        return trimmed
    }

    /// Headings to look for, folded once.
    public struct Titles: Sendable, ExpressibleByArrayLiteral {
        let folded: Set<String>

        public init(_ titles: [String]) {
            folded = Set(titles.map(EmbeddedMarkdown.fold))
        }

        public init(arrayLiteral titles: String...) {
            self.init(titles)
        }
    }

    /// What ``fold(_:)`` trims, built once: a character set built on every call cost more than
    /// the folding.
    private static let foldTrimmed = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":"))

    /// `title` in lower case, without accents, and without blanks and colons around it.
    static func fold(_ title: String) -> String {
        title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: foldTrimmed)
    }
}
