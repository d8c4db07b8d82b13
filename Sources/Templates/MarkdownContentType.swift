import Mustache

/// The mustache content type of every template: `{{value}}` is escaped as inline markdown.
///
/// swift-mustache escapes for HTML by default and resets to HTML inside each partial, so the
/// template loader puts `{{% CONTENT_TYPE: MARKDOWN}}` at the top of every file it parses.
struct MarkdownContentType: MustacheContentType {
    static let name = "MARKDOWN"

    /// The pragma line that selects this content type, prepended to every template file.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Registers the content type with swift-mustache; evaluated once, before the first parse.
    static let registered: Void = MustacheContentTypes.register(MarkdownContentType(), named: name)

    func escapeText(_ text: String) -> String {
        Markdown.inline(text)
    }
}
