import Foundation
import Mustache

/// A parsed set of post-mortem templates: the built-in files, optionally overridden from a folder.
///
/// The document is rendered from the template named ``documentName``; every other file is a
/// partial it can include by name (its path under the set without `.mustache`). A folder given
/// with ``load(locale:overrides:)`` may replace any single file; the rest falls back to the
/// built-in set, which is embedded in the binary.
public struct TemplateSet: Sendable {
    /// The template a document is rendered from.
    public static let documentName = "postmortem"
    /// The built-in locales.
    public static let builtInLocales = ["en", "es"]

    /// Where the set came from: `builtin:<locale>`, or `custom:<locale>` when a folder overrides files.
    public let name: String
    /// Every template's source text as written, keyed by template name.
    public let sources: [String: String]
    /// Where each template came from: its path under `templates/`, or the custom file's path.
    public let origins: [String: String]
    private let library: MustacheLibrary
    /// Every template compiled for the fast renderer; `nil` when one of them needs swift-mustache.
    private let compiled: CompiledSet?

    /// The templates a document can be rendered from: the default and every per-type one.
    public var documentNames: [String] {
        [Self.documentName] + sources.keys.filter { $0.hasPrefix("types/") }.sorted()
    }

    /// Loads the built-in set for `locale` and applies the files of `overrides`, if any.
    ///
    /// Every file is parsed before anything is returned, so a broken template stops a run
    /// before it reads or writes any incident.
    public static func load(locale: String = "en", overrides: URL? = nil) throws(TemplateError) -> TemplateSet {
        guard builtInLocales.contains(locale) else {
            throw .unknownLocale(locale, known: builtInLocales)
        }
        var sources = builtInSources(locale: locale)
        var origins: [String: String] = [:]
        for name in sources.keys { origins[name] = "templates/\(locale)/\(name).mustache" }
        var setName = "builtin:\(locale)"
        if let overrides {
            for (name, file) in try customFiles(in: overrides) {
                do {
                    sources[name] = try String(contentsOf: file, encoding: .utf8)
                } catch {
                    throw .unreadableFile(path: file.path, reason: "not readable as UTF-8 text")
                }
                origins[name] = file.path
            }
            setName = "custom:\(locale)"
        }
        _ = MarkdownContentType.registered
        var library = MustacheLibrary()
        for (name, text) in sources {
            library.register(try parse(text, file: origins[name] ?? name), named: name)
        }
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in sources {
            guard let template = CompiledTemplate(text) else { break }
            templates[name] = template
        }
        let compiled = templates.count == sources.count ? CompiledSet(templates) : nil
        return TemplateSet(name: setName, sources: sources, origins: origins, library: library, compiled: compiled)
    }

    /// The heading put above a post-mortem that sentinel-report did not write, kept below it.
    public static let earlierName = "earlier"

    /// Renders the document template with `model`.
    ///
    /// When the set has `types/<incidentType>`, that template replaces the default document.
    public func render(_ model: TemplateObject, incidentType: String? = nil) -> String {
        render(model, template: documentName(for: incidentType))
    }

    /// Renders the template `name` with `model`; empty when the set has no such template.
    public func render(_ model: TemplateObject, template name: String) -> String {
        guard let compiled else { return renderWithSwiftMustache(model, template: name) }
        return compiled.render(name, model: model) ?? ""
    }

    /// Whether every template compiled, so that documents render without swift-mustache.
    public var isCompiled: Bool { compiled != nil }

    /// Renders through swift-mustache: for sets that use more than core mustache, and as the
    /// reference the compiled renderer is tested against.
    func renderWithSwiftMustache(_ model: TemplateObject, template name: String) -> String {
        library.render(model.mustacheValue, withTemplate: name) ?? ""
    }

    /// A hash of every template's name and text, to tell when the set changed.
    public var fingerprint: String {
        var hasher = FNV1a()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(text)
        }
        return hasher.hex
    }

    /// The template a document of `incidentType` is rendered from.
    public func documentName(for incidentType: String?) -> String {
        guard let incidentType, sources["types/\(incidentType)"] != nil else { return Self.documentName }
        return "types/\(incidentType)"
    }

    /// The built-in files of `locale`, keyed by template name (their path without `.mustache`).
    public static func builtInSources(locale: String) -> [String: String] {
        let prefix = "\(locale)/"
        var sources: [String: String] = [:]
        for (path, text) in EmbeddedTemplates.files where path.hasPrefix(prefix) {
            sources[String(path.dropFirst(prefix.count).dropLast(".mustache".count))] = text
        }
        return sources
    }

    /// The `*.mustache` files under `directory`, keyed by template name.
    private static func customFiles(in directory: URL) throws(TemplateError) -> [String: URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw .unusableDirectory(path: directory.path, reason: "it does not exist")
        }
        guard isDirectory.boolValue else {
            throw .unusableDirectory(path: directory.path, reason: "it is a file, not a folder")
        }
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw .unusableDirectory(path: directory.path, reason: "it cannot be read")
        }
        let root = directory.standardizedFileURL.path
        var files: [String: URL] = [:]
        for case let url as URL in walker where url.pathExtension == "mustache" {
            let relative = url.standardizedFileURL.path.dropFirst(root.count + 1)
            files[String(relative.dropLast(".mustache".count))] = url
        }
        guard !files.isEmpty else {
            throw .unusableDirectory(path: directory.path, reason: "it holds no *.mustache file")
        }
        return files
    }

    /// Parses one file, with the markdown content type selected, mapping errors to `file:line:col`.
    static func parse(_ text: String, file: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: MarkdownContentType.pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let mustacheError = error.error as? MustacheTemplate.Error else {
                // The parser ran off the end of the file: point at the tag left open.
                let (line, column) = unclosedTag(in: lines) ?? (lines.count, 1)
                throw .syntax(
                    file: file, line: line, column: column, reason: "this tag is never closed (expected `}}`)",
                    sourceLine: lines[line - 1])
            }
            if mustacheError == .expectedSectionEnd, let (line, column) = unclosedSection(in: lines) {
                // The parser stops at the end of the file: point at the section left open instead.
                throw .syntax(
                    file: file, line: line, column: column, reason: reason(for: mustacheError),
                    sourceLine: lines[line - 1])
            }
            // The pragma occupies one line before the file's first line.
            let line = min(max(1, error.context.lineNumber - 1), lines.count)
            throw .syntax(
                file: file, line: line, column: error.context.columnNumber,
                reason: reason(for: mustacheError), sourceLine: lines[line - 1])
        } catch {
            throw .syntax(file: file, line: 1, column: 1, reason: "\(error)", sourceLine: "")
        }
    }

    /// The 1-based line and column of the last `{{` that no `}}` follows.
    private static func unclosedTag(in lines: [String]) -> (Int, Int)? {
        for (number, line) in lines.enumerated().reversed() {
            guard let open = line.range(of: "{{", options: .backwards) else {
                if line.contains("}}") { return nil }
                continue
            }
            guard !line[open.upperBound...].contains("}}") else { return nil }
            return (number + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1)
        }
        return nil
    }

    /// The 1-based line and column of the last `{{#name}}` or `{{^name}}` that no `{{/name}}` closes.
    private static func unclosedSection(in lines: [String]) -> (Int, Int)? {
        var open: [(name: Substring, line: Int, column: Int)] = []
        for (number, line) in lines.enumerated() {
            var rest = line[...]
            while let tag = rest.range(of: "{{") {
                let body = rest[tag.upperBound...]
                guard let kind = body.first, let close = body.range(of: "}}") else { break }
                let name = body[body.index(after: body.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if kind == "#" || kind == "^" {
                    open.append((name[...], number + 1, line.distance(from: line.startIndex, to: tag.lowerBound) + 1))
                } else if kind == "/", let index = open.lastIndex(where: { $0.name == name }) {
                    open.removeSubrange(index...)
                }
                rest = body[close.upperBound...]
            }
        }
        return open.last.map { ($0.line, $0.column) }
    }

    private static func reason(for error: MustacheTemplate.Error) -> String {
        switch error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the section that is open"
        case .unfinishedName: "a tag is not closed, or its name is malformed (expected `}}`)"
        case .expectedSectionEnd: "a section is opened but never closed (expected `{{/name}}`)"
        case .invalidSetDelimiter: "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "only block definitions may appear inside a partial's inherit section"
        case .textInsideInheritSection: "text is not allowed inside a partial's inherit section"
        case .invalidConfigVariableSyntax: "malformed pragma; expected `{{% NAME: value}}`"
        case .unrecognisedConfigVariable: "unknown pragma or content type"
        }
    }
}
