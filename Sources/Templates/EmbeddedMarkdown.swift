import Foundation

/// Markdown written by a machine or a person, parsed once and made safe to nest below a heading.
///
/// Its headings move down so the shallowest becomes one level below the heading it is nested
/// under; raw HTML turns into visible text, unsafe link targets are dropped, and unbalanced
/// code fences are closed, so nothing in it can escape into the surrounding document.
public struct EmbeddedMarkdown: Sendable {
    private let blocks: [CMark.Block]

    /// Parses `markdown` for nesting below a heading of `level`: plain text without cmark-gfm.
    public init(_ markdown: String, below level: Int) {
        self.init(blocks: PlainMarkdown.nestedBlocks(markdown, below: level) ?? CMark.nestedBlocks(markdown, below: level))
    }

    init(blocks: [CMark.Block]) {
        self.blocks = blocks
    }

    /// The whole text, without trailing line breaks, so templates control the spacing after it.
    public var text: String {
        Self.trimmed(blocks.map(\.markdown).joined(separator: "\n"))
    }

    /// The body (without trailing line breaks) of the first section whose heading is one of
    /// `titles` (ignoring case, accents and a trailing colon), up to the next heading of the
    /// same or a higher level. `nil` when no such section exists or it is empty.
    public func section(titled titles: Titles) -> String? {
        guard let start = blocks.firstIndex(where: { $0.headingLevel != nil && titles.folded.contains(Self.fold($0.headingText)) }),
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

    /// `title` in lower case, without accents, surrounding blanks and trailing colons.
    static func fold(_ title: String) -> String {
        var folded = ""
        for scalar in title.unicodeScalars {
            if scalar.isASCII {
                folded.unicodeScalars.append(scalar)
            } else if let letter = latin1Letters[scalar.value] {
                folded += letter
            } else {
                return foldWithFoundation(title)
            }
        }
        // ASCII has no accents, and its only blanks are spaces and tabs.
        var bytes = Array(folded.utf8).map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
        while bytes.last == UInt8(ascii: ":"), bytes.count > start { bytes.removeLast() }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// The letters of Latin-1 (U+00C0–U+00FF, as in Spanish headings), each folded once by
    /// Foundation: a heading made of them and ASCII is folded without Foundation.
    private static let latin1Letters: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: (UInt32(0xC0)...0xFF).compactMap { value -> (UInt32, String)? in
            guard let scalar = Unicode.Scalar(value), value != 0xD7, value != 0xF7 else { return nil }
            return (value, String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
        })

    static func foldWithFoundation(_ title: String) -> String {
        var text = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
        while text.hasSuffix(":") { text.removeLast() }
        return text
    }
}
