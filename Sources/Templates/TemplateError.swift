/// A template set that cannot be used: an unreadable folder, a file that does not parse, a
/// document that does not list its sections, or strings that are missing.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// The `--templates` folder is missing, not a folder, unreadable or holds no template.
    case unusableDirectory(path: String, reason: String)
    /// Neither the built-in sets nor the `--templates` folder provide the requested locale.
    case unknownLocale(String, known: [String])
    /// A template file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A template file does not parse; `line` and `column` are 1-based, `sourceLine` is the line's text.
    case syntax(file: String, line: Int, column: Int, reason: String, sourceLine: String)
    /// A document template is not a list of sections (see ``DocumentLayout``).
    case layout(file: String, line: Int, reason: String, sourceLine: String)
    /// A section a document lists has no template, or no heading.
    case section(String, document: String, reason: String)
    /// A `strings.json` does not read, or a text is missing.
    case strings(file: String, reason: String)

    public var description: String {
        switch self {
        case .unusableDirectory(let path, let reason):
            "cannot use template folder \(path): \(reason). Pass a folder of locale folders (such as en/, fr/) or of "
                + "*.mustache files to --templates, or leave --templates out to use the built-in set."
        case .unknownLocale(let locale, let known):
            "there is no template set for locale '\(locale)'; choose one of: \(known.joined(separator: ", ")), "
                + "or add a folder \(locale)/ to --templates (sentinel-report templates init DIR/\(locale) --locale en writes one to translate)."
        case .unreadableFile(let path, let reason):
            "cannot read template \(path): \(reason)."
        case .syntax(let file, let line, let column, let reason, let sourceLine):
            "\(file):\(line):\(column): \(reason)\n    \(sourceLine)\n    "
                + String(repeating: " ", count: max(0, column - 1)) + "^"
        case .layout(let file, let line, let reason, let sourceLine):
            "\(file):\(line): \(reason)\n    \(sourceLine)"
        case .section(let id, let document, let reason):
            "the section \(id) listed in \(document) \(reason)."
        case .strings(let file, let reason):
            "cannot use the strings in \(file): \(reason)."
        }
    }
}
