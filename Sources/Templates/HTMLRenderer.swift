import CCmarkGFM
import Foundation

/// Renders GitHub-flavoured markdown to HTML with cmark-gfm, in its safe mode.
///
/// The table, strikethrough, autolink, tagfilter and tasklist extensions are enabled. Raw HTML
/// in the markdown never passes through: cmark-gfm replaces it with a comment, and drops
/// `javascript:`, `vbscript:`, `file:` and most `data:` link targets.
/// This is the only file that calls cmark-gfm.
public enum HTMLRenderer {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registers cmark-gfm's core extensions once per process.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Returns the HTML fragment (no `<html>` or `<body>`) for `markdown`.
    public static func fragment(fromMarkdown markdown: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }
}
