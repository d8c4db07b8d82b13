import CCmarkGFM
import Foundation

/// The one file that calls cmark-gfm: parsing GitHub-flavoured markdown, rendering HTML, and
/// re-rendering untrusted markdown so it can be nested safely inside a post-mortem.
///
/// The table, strikethrough, autolink, tagfilter and tasklist extensions are enabled. Every
/// parser and document is freed with `defer` right after it is created.
enum CMark {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm's extensions, registered once per process and found once by name.
    ///
    /// Unchecked `Sendable`: they live in cmark-gfm's registry, which does not change after
    /// registration; every parser attaches the same ones, as it would after finding them itself.
    private struct Extensions: @unchecked Sendable {
        let pointers: [OpaquePointer]
    }

    private static let extensions: Extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        return Extensions(pointers: extensionNames.compactMap { cmark_find_syntax_extension($0) })
    }()

    /// Link targets that never survive re-rendering (cmark-gfm's safe HTML drops them too).
    private static let unsafeSchemes = ["javascript:", "vbscript:", "file:", "data:"]

    /// Held while a parser reads: cmark-gfm adds the characters that start extension inlines
    /// (`~`, autolinks) to one table for the whole process and clears them when a parse ends,
    /// so two parses at once would miss them (github/cmark-gfm#176). Rendering needs no lock.
    private static let parsing = NSLock()

    /// Parses `markdown` and hands the document and the parser's extension list to `body`.
    private static func withDocument<R>(
        _ markdown: String, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> R
    ) -> R? {
        let extensions = extensions.pointers
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) else { return nil }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in extensions { cmark_parser_attach_syntax_extension(parser, syntaxExtension) }
        var source = markdown
        let parsed = parsing.withLock {
            source.withUTF8 { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        cmark_parser_feed(parser, $0, buffer.count)
                    }
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let document = parsed else { return nil }
        defer { cmark_node_free(document) }
        return body(document, cmark_parser_get_syntax_extensions(parser))
    }

    /// Takes ownership of a string cmark allocated.
    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// HTML for `markdown`, in cmark-gfm's safe mode: raw HTML is replaced by a comment.
    static func html(_ markdown: String) -> String {
        withDocument(markdown) { document, extensions in
            string(cmark_render_html(document, CMARK_OPT_DEFAULT, extensions))
        } ?? ""
    }

    /// One top-level block of re-rendered markdown.
    struct Block {
        /// The heading's level before shifting, or `nil` when the block is not a heading.
        var headingLevel: Int?
        /// The heading's plain text; empty for other blocks.
        var headingText: String
        /// The block as CommonMark.
        var markdown: String
    }

    /// Re-renders untrusted markdown block by block, safe to nest below a heading of `level`.
    ///
    /// Headings move down so the shallowest top-level one becomes level `level + 1` (at most
    /// to level 6), raw HTML becomes literal text (a code block for an HTML block), links and
    /// images to `javascript:` and similar targets lose their target, and every code fence
    /// comes out closed. One parse.
    ///
    /// A top-level block that none of this touches but a heading's level (see
    /// ``verbatimText(of:shift:lines:in:source:)``) keeps its source lines: they parse to the same
    /// block wherever a block may start, and cmark-gfm's markdown renderer costs about 30 ns a
    /// byte (3 ms for a 100 KB analysis). With `verbatim` false every block is re-rendered,
    /// which tests compare against.
    static func nestedBlocks(_ markdown: String, below level: Int, verbatim: Bool = true) -> [Block] {
        var source = markdown
        return source.withUTF8 { bytes in
            // cmark-gfm numbers lines at `\r` too and reads NUL as U+FFFD: such text is re-rendered whole.
            let lines = verbatim && !bytes.contains(0x0D) && !bytes.contains(0) ? bytes.lineRanges : nil
            return withDocument(markdown) { document, _ in
                var shallowest = level + 1
                var node = cmark_node_first_child(document)
                while let current = node {
                    if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                        shallowest = min(shallowest, Int(cmark_node_get_heading_level(current)))
                    }
                    node = cmark_node_next(current)
                }
                let headingShift = max(0, level + 1 - shallowest)
                // Decided before the rewrites, on the blocks as parsed, by position.
                var kept: [Kept?] = []
                if let lines {
                    node = cmark_node_first_child(document)
                    while let current = node {
                        kept.append(verbatimText(of: current, shift: headingShift, lines: lines, in: bytes, source: markdown))
                        node = cmark_node_next(current)
                    }
                    keepListsBetweenKeptBlocks(&kept)
                }
                neutralise(document, headingShift: headingShift)
                var blocks: [Block] = []
                node = cmark_node_first_child(document)
                while let current = node {
                    var block = Block(headingLevel: nil, headingText: "", markdown: "")
                    if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                        block.headingLevel = Int(cmark_node_get_heading_level(current)) - headingShift
                        block.headingText = plainText(of: current)
                    }
                    let keptText = blocks.count < kept.count ? kept[blocks.count]?.text : nil
                    block.markdown = keptText ?? string(cmark_render_commonmark(current, CMARK_OPT_DEFAULT, 0))
                    blocks.append(block)
                    node = cmark_node_next(current)
                }
                return blocks
            } ?? []
        }
    }

    /// Whether a block kept as written may hold a node of `type` below itself: paragraphs,
    /// quotes, lists and items, and plain, emphasised or code text. No code block (its fence
    /// may be open), HTML, link, image or extension node.
    private static func isVerbatimType(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_THEMATIC_BREAK,
            CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_EMPH, CMARK_NODE_STRONG:
            true
        default: false
        }
    }

    /// A top-level block's source lines, kept as written.
    private struct Kept {
        var text: String
        /// A list: kept only between blocks kept as written (see ``keepListsBetweenKeptBlocks(_:)``).
        var isList: Bool
        /// Whether its first line starts with a space or a tab.
        var isIndented: Bool
    }

    /// Drops the lists of `kept` that a neighbour could join: one next to a re-rendered block
    /// (cmark-gfm writes bullets as `-` and some code blocks indented, so a list written as
    /// `-` could swallow it, or the re-rendered list swallow the kept one), or followed by an
    /// indented block. Repeated until no list is dropped.
    private static func keepListsBetweenKeptBlocks(_ kept: inout [Kept?]) {
        var changed = true
        while changed {
            changed = false
            for index in kept.indices where kept[index]?.isList == true {
                let previousKept = index == 0 || kept[index - 1] != nil
                let next = index + 1 < kept.count ? kept[index + 1] : nil
                let nextKept = index + 1 == kept.count || (next != nil && next?.isIndented == false)
                if !previousKept || !nextKept {
                    kept[index] = nil
                    changed = true
                }
            }
        }
    }

    /// The source lines of a top-level block, with a line break, when they may be kept as
    /// written; otherwise `nil`.
    ///
    /// The block is a paragraph, a break, a one-line `#` heading (its `#` run is lengthened by
    /// `shift`, as cmark-gfm would, up to six), or a quote or list whose lines all start at the
    /// margin (a list also needs its neighbours kept, see ``keepListsBetweenKeptBlocks(_:)``).
    /// It holds only ``isVerbatimType(_:)`` nodes, and its text no `<`, `[`, `]`
    /// (raw HTML, links, reference definitions, even ones cmark-gfm did not take as such), `~`
    /// or `|` (strikethrough, tables), and no control character but tab. Such lines parse to
    /// the same block after a blank line.
    private static func verbatimText(
        of block: OpaquePointer, shift: Int, lines: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>, source markdown: String
    ) -> Kept? {
        let type = cmark_node_get_type(block)
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_HEADING, CMARK_NODE_LIST: break
        default: return nil
        }
        let first = Int(cmark_node_get_start_line(block))
        var last = Int(cmark_node_get_end_line(block))
        guard first >= 1, last >= first, last <= lines.count, let iterator = cmark_iter_new(block) else { return nil }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), node == block || isVerbatimType(cmark_node_get_type(node))
            else { return nil }
        }
        // A quote ends at the blank line after it.
        while last > first, bytes[lines[last - 1]].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            last -= 1
        }
        let text = UnsafeBufferPointer(rebasing: bytes[lines[first - 1].lowerBound..<lines[last - 1].upperBound])
        let unsafe = text.contains { byte in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "~")
                || byte == UInt8(ascii: "|") || (byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n")) || byte == 0x7F
        }
        guard !unsafe else { return nil }
        func isBlankOrIndented(_ line: Range<Int>) -> Bool {
            line.isEmpty || bytes[line.lowerBound] == UInt8(ascii: " ") || bytes[line.lowerBound] == UInt8(ascii: "\t")
        }
        // A list or quote only of lines at the margin: nothing nested, nothing continued with
        // an indent (cmark-gfm keeps the spaces of a lazy line after a hard break, where
        // re-rendering drops them).
        if type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE, lines[(first - 1)..<last].contains(where: isBlankOrIndented) {
            return nil
        }
        /// The lines from byte `start`, copied from `markdown` (lines start and end at ASCII
        /// bytes, so on character boundaries): not decoded and checked again.
        func copy(from start: Int) -> String {
            let slice = markdown[utf8Offsets: start..<lines[last - 1].upperBound]
            var copy = ""
            copy.reserveCapacity(slice.utf8.count + 1)
            copy += slice
            copy += "\n"
            return copy
        }
        let isIndented = isBlankOrIndented(lines[first - 1])
        guard type == CMARK_NODE_HEADING else {
            return Kept(text: copy(from: lines[first - 1].lowerBound), isList: type == CMARK_NODE_LIST, isIndented: isIndented)
        }
        // `#` headings only, on one line: up to three spaces, the `#` run, then a blank or the end.
        let level = Int(cmark_node_get_heading_level(block))
        let indent = text.prefix { $0 == UInt8(ascii: " ") }.count
        let rest = text.dropFirst(indent + level)
        guard first == last, indent <= 3, text.dropFirst(indent).prefix(level).allSatisfy({ $0 == UInt8(ascii: "#") }),
            rest.first.map({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) ?? true
        else { return nil }
        let heading = String(repeating: "#", count: min(6, level + shift)) + copy(from: lines[first - 1].lowerBound + indent + level)
        return Kept(text: heading, isList: false, isIndented: isIndented)
    }

    /// Applies the rewrites of ``nestedBlocks(_:below:)`` to a parsed document.
    private static func neutralise(_ document: OpaquePointer, headingShift: Int) {
        var replacements: [(old: OpaquePointer, type: cmark_node_type, literal: String)] = []
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                let node = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + Int32(headingShift)))
            case CMARK_NODE_HTML_BLOCK:
                replacements.append((node, CMARK_NODE_CODE_BLOCK, literal(of: node)))
            case CMARK_NODE_HTML_INLINE:
                replacements.append((node, CMARK_NODE_TEXT, literal(of: node)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let scheme = url.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if unsafeSchemes.contains(where: scheme.hasPrefix) { cmark_node_set_url(node, "") }
            default:
                break
            }
        }
        for replacement in replacements {
            guard let new = cmark_node_new(replacement.type) else { continue }
            cmark_node_set_literal(new, replacement.literal)
            if cmark_node_replace(replacement.old, new) == 1 {
                cmark_node_free(replacement.old)
            } else {
                cmark_node_free(new)
            }
        }
    }

    private static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The text of a node's text and code descendants, joined.
    private static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { text += literal(of: child) }
        }
        return text
    }
}
