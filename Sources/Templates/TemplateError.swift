/// A template set that cannot be used: an unreadable folder or a file that does not parse.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// The `--templates` folder is missing, not a folder, unreadable or holds no template.
    case unusableDirectory(path: String, reason: String)
    /// No built-in template set exists for the requested locale.
    case unknownLocale(String, known: [String])
    /// A template file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A template file does not parse; `line` and `column` are 1-based, `sourceLine` is the line's text.
    case syntax(file: String, line: Int, column: Int, reason: String, sourceLine: String)

    public var description: String {
        switch self {
        case .unusableDirectory(let path, let reason):
            "cannot use template folder \(path): \(reason). Pass a folder of *.mustache files to --templates, "
                + "or leave --templates out to use the built-in set."
        case .unknownLocale(let locale, let known):
            "there is no built-in template set for locale '\(locale)'; choose one of: \(known.joined(separator: ", "))."
        case .unreadableFile(let path, let reason):
            "cannot read template \(path): \(reason)."
        case .syntax(let file, let line, let column, let reason, let sourceLine):
            "\(file):\(line):\(column): \(reason)\n    \(sourceLine)\n    "
                + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
    }
}
