/// Renders GitHub-flavoured markdown to HTML with cmark-gfm, in its safe mode.
///
/// The table, strikethrough, autolink, tagfilter and tasklist extensions are enabled. Raw HTML
/// in the markdown never passes through: cmark-gfm replaces it with a comment, and drops
/// `javascript:`, `vbscript:`, `file:` and most `data:` link targets.
public enum HTMLRenderer {
    /// Returns the HTML fragment (no `<html>` or `<body>`) for `markdown`; with `anchors`,
    /// every heading gets an `id` to link to.
    public static func fragment(fromMarkdown markdown: String, anchors: Bool = false) -> String {
        let html = CMark.html(markdown)
        return anchors ? HTMLAnchors.add(to: html) : html
    }
}
