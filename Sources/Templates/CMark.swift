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
    static func nestedBlocks(_ markdown: String, below level: Int) -> [Block] {
        withDocument(markdown) { document, _ in
            var shallowest = level + 1
            var node = cmark_node_first_child(document)
            while let current = node {
                if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                    shallowest = min(shallowest, Int(cmark_node_get_heading_level(current)))
                }
                node = cmark_node_next(current)
            }
            let headingShift = max(0, level + 1 - shallowest)
            neutralise(document, headingShift: headingShift)
            var blocks: [Block] = []
            node = cmark_node_first_child(document)
            while let current = node {
                var block = Block(headingLevel: nil, headingText: "", markdown: "")
                if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                    block.headingLevel = Int(cmark_node_get_heading_level(current)) - headingShift
                    block.headingText = plainText(of: current)
                }
                block.markdown = string(cmark_render_commonmark(current, CMARK_OPT_DEFAULT, 0))
                blocks.append(block)
                node = cmark_node_next(current)
            }
            return blocks
        } ?? []
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

    /// The plain text of each item of `markdown`: each item of a top-level list, and each other
    /// top-level block with text (a paragraph, say), line breaks as spaces.
    static func itemTexts(_ markdown: String) -> [String] {
        withDocument(markdown) { document, _ in
            var items: [String] = []
            var block = cmark_node_first_child(document)
            while let current = block {
                if cmark_node_get_type(current) == CMARK_NODE_LIST {
                    var item = cmark_node_first_child(current)
                    while let each = item {
                        items.append(plainText(of: each, breaksAsSpaces: true))
                        item = cmark_node_next(each)
                    }
                } else {
                    items.append(plainText(of: current, breaksAsSpaces: true))
                }
                block = cmark_node_next(current)
            }
            return items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        } ?? []
    }

    /// The text of a node's text and code descendants, joined.
    private static func plainText(of node: OpaquePointer, breaksAsSpaces: Bool = false) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literal(of: child)
            } else if breaksAsSpaces, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_PARAGRAPH {
                if !text.isEmpty, text.last != " " { text += " " }
            }
        }
        return text
    }
}
