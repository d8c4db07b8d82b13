/// Renders GitHub-flavoured markdown to HTML with cmark-gfm, in its safe mode.
///
/// The table, strikethrough, autolink, tagfilter and tasklist extensions are enabled. Raw HTML
/// in the markdown never passes through: cmark-gfm replaces it with a comment, and drops
/// `javascript:`, `vbscript:`, `file:` and most `data:` link targets.
public enum HTMLRenderer {
    /// Returns the HTML fragment (no `<html>` or `<body>`) for `markdown`.
    public static func fragment(fromMarkdown markdown: String) -> String {
        CMark.html(markdown)
    }
}
