import Bytes
import Foundation
import Mustache

/// The templates and strings of one locale: the built-in files, optionally overridden from a folder.
///
/// A document is a list of sections (``DocumentLayout``): `postmortem.mustache` for every
/// incident, `types/<incident_type>.mustache` for incidents of that type. Every other
/// `*.mustache` file is a partial, named by its path under the set without `.mustache`; a
/// section renders its partial under its heading from ``strings``.
///
/// Files come in layers: English, then the built-in set of the locale, then the locale's
/// folder under `--templates`; each layer replaces single files (and single strings) of the
/// ones before. The built-in sets are embedded in the binary.
public struct TemplateSet: Sendable {
    /// The template listing the sections of every document.
    public static let documentName = "postmortem"
    /// The locale every other one falls back to.
    public static let baseLocale = "en"
    /// The built-in locales.
    public static let builtInLocales = ["en", "es"]
    /// The heading put above a post-mortem that sentinel-report did not write, kept below it.
    public static let earlierName = "earlier"

    /// Where the set came from: `builtin:<locale>`, or `custom:<locale>` when a folder overrides files.
    public let name: String
    /// Every template's source text as written, keyed by template name.
    public let sources: [String: String]
    /// Where each template came from: its path under `templates/`, or the custom file's path.
    public let origins: [String: String]
    public let strings: Strings
    /// The sections of each document, keyed by document template name.
    public let layouts: [String: DocumentLayout]
    private let library: MustacheLibrary
    /// Every template compiled for the fast renderer; `nil` when one of them needs swift-mustache.
    private let compiled: CompiledSet?

    /// The locale of the templates and strings.
    public var locale: String { strings.locale }

    /// The templates a document can be rendered from: the default and every per-type one.
    public var documentNames: [String] {
        [Self.documentName] + layouts.keys.filter { $0 != Self.documentName }.sorted()
    }

    /// Loads the set of `locale`: the built-in files, and those of `folder` when given.
    ///
    /// `folder` holds one folder per locale (`en/`, `fr/`…), or, written by earlier versions,
    /// the templates of the chosen built-in locale directly. Every file is parsed and every document
    /// checked before anything is returned, so a broken set stops a run before it reads or
    /// writes any incident.
    public static func load(locale: String = baseLocale, overrides folder: URL? = nil) throws(TemplateError) -> TemplateSet {
        let (layers, isCustom) = try layers(of: locale, folder: folder)
        var sources: [String: String] = [:]
        var origins: [String: String] = [:]
        var stringLayers: [(tables: Strings.Tables, file: String)] = []
        for layer in layers {
            for (path, text) in layer.files {
                if path == Strings.fileName {
                    stringLayers.append((try Strings.tables(from: text, file: layer.origin + path), layer.origin + path))
                } else {
                    let name = String(path.dropLast(".mustache".count))
                    sources[name] = text
                    origins[name] = layer.origin + path
                }
            }
        }
        let strings = try Strings.merged(stringLayers, locale: locale)
        let layouts = try layouts(of: sources, origins: origins, strings: strings)
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
        return TemplateSet(
            name: "\(isCustom ? "custom" : "builtin"):\(locale)", sources: sources, origins: origins,
            strings: strings, layouts: layouts, library: library,
            compiled: templates.count == sources.count ? CompiledSet(templates) : nil)
    }

    /// The files of `locale`'s set, layer by layer (English, the built-in locale, the locale's
    /// folder under `folder`), each keyed by path under its origin; and whether a folder is one.
    private static func layers(
        of locale: String, folder: URL?
    ) throws(TemplateError) -> (layers: [(origin: String, files: [String: String])], isCustom: Bool) {
        // A locale names a folder: letters, digits, `-` and `_`, never a path.
        guard let first = locale.unicodeScalars.first, first.properties.isAlphabetic,
            locale.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else {
            throw .unknownLocale(locale, known: builtInLocales)
        }
        let custom = try folder.map { folder throws(TemplateError) in try localeFolder(locale, in: folder) }
        var layers = [(origin: "templates/\(baseLocale)/", files: builtInFiles(locale: baseLocale))]
        if locale != baseLocale, builtInLocales.contains(locale) {
            layers.append(("templates/\(locale)/", builtInFiles(locale: locale)))
        } else if locale != baseLocale, custom == nil {
            throw .unknownLocale(locale, known: builtInLocales)
        }
        if let custom {
            layers.append((custom.path + "/", try files(in: custom)))
        }
        return (layers, custom != nil)
    }

    /// The sections of every document of `sources`, each checked to have a template and (but
    /// the first) a heading.
    private static func layouts(
        of sources: [String: String], origins: [String: String], strings: Strings
    ) throws(TemplateError) -> [String: DocumentLayout] {
        var layouts: [String: DocumentLayout] = [:]
        for name in sources.keys where name == documentName || name.hasPrefix("types/") {
            let origin = origins[name] ?? name
            let layout = try DocumentLayout(parsing: sources[name] ?? "", file: origin)
            for (position, id) in layout.sections.enumerated() {
                guard sources[id] != nil, id != documentName, !id.hasPrefix("types/") else {
                    throw .section(id, document: origin, reason: "has no template: add \(id).mustache")
                }
                guard position == 0 || strings.sections[id] != nil else {
                    throw .section(
                        id, document: origin, reason: "has no heading: add \"\(id)\": \"…\" to the sections of \(Strings.fileName)")
                }
            }
            layouts[name] = layout
        }
        return layouts
    }

    /// One section of a rendered document: its id and its markdown, heading included.
    public struct Section: Sendable, Equatable {
        public let id: String
        public let text: String

        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// Renders the sections of the document for `incidentType` with `model`.
    ///
    /// When the set has `types/<incidentType>`, its sections replace the default document's. A
    /// section whose template renders only white space is left out, heading and all.
    public func sections(_ model: TemplateObject, incidentType: String? = nil) -> [Section] {
        guard let layout = layouts[documentName(for: incidentType)] else { return [] }
        let bodies =
            compiled?.render(layout.sections, model: model).map { $0 ?? "" }
            ?? layout.sections.map { renderWithSwiftMustache(model, template: $0) }
        var sections: [Section] = []
        for (position, (id, body)) in zip(layout.sections, bodies).enumerated() where body.contains(where: { !$0.isWhitespace }) {
            let text = position == 0 ? body : "## \(strings.sections[id] ?? id)\n\n" + body
            sections.append(Section(id: id, text: text))
        }
        return sections
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

    /// A hash of every template's name and text, and of the strings, to tell when the set changed.
    public var fingerprint: String {
        var hasher = FNV1a()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(text)
        }
        hasher.combine(strings.json)
        return hasher.hex
    }

    /// The template a document of `incidentType` is rendered from.
    public func documentName(for incidentType: String?) -> String {
        guard let incidentType, layouts["types/\(incidentType)"] != nil else { return Self.documentName }
        return "types/\(incidentType)"
    }

    /// Every file of the set as a locale folder holds it (`types/x.mustache`, `strings.json`),
    /// with the strings complete: what `templates init` writes.
    public var files: [String: String] {
        var files = Dictionary(uniqueKeysWithValues: sources.map { ("\($0.key).mustache", $0.value) })
        files[Strings.fileName] = strings.json
        return files
    }

    /// The built-in files of `locale`, keyed by path under the locale's folder.
    static func builtInFiles(locale: String) -> [String: String] {
        let prefix = "\(locale)/"
        var files: [String: String] = [:]
        for (path, text) in EmbeddedTemplates.files where path.hasPrefix(prefix) {
            files[String(path.dropFirst(prefix.count))] = text
        }
        return files
    }

    /// Whether `path` (under a locale folder) is a file of a template set.
    static func isSetFile(_ path: String) -> Bool {
        path.hasSuffix(".mustache") || path == Strings.fileName
    }

    /// The folder holding `locale`'s files in `folder`: its subfolder of that name, or `folder`
    /// itself when it holds templates directly.
    private static func localeFolder(_ locale: String, in folder: URL) throws(TemplateError) -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw .unusableDirectory(path: folder.path, reason: "it does not exist")
        }
        guard isDirectory.boolValue else {
            throw .unusableDirectory(path: folder.path, reason: "it is a file, not a folder")
        }
        let sub = folder.appendingPathComponent(locale, isDirectory: true)
        if FileManager.default.fileExists(atPath: sub.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return sub
        }
        // A new locale needs a folder of its own; a built-in one may be overridden by a folder
        // holding its files directly, as earlier versions wrote them.
        let others = localeFolders(folder)
        guard builtInLocales.contains(locale) else { throw .unknownLocale(locale, known: builtInLocales + others) }
        let top = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard top.contains(where: { isSetFile($0) || $0 == "types" }) else {
            throw .unusableDirectory(
                path: folder.path,
                reason: "it has no folder \(locale)/ and no template file"
                    + (others.isEmpty ? "" : " (it has templates for: \(others.joined(separator: ", ")))"))
        }
        return folder
    }

    /// The names of `folder`'s subfolders that hold a template set.
    private static func localeFolders(_ folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)) ?? []
            return files.contains(where: isSetFile)
        }.sorted()
    }

    /// The set's files under `directory` (templates in it and its subfolders, and its
    /// `strings.json`), keyed by path under it.
    private static func files(in directory: URL) throws(TemplateError) -> [String: String] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw .unusableDirectory(path: directory.path, reason: "it cannot be read")
        }
        let root = directory.standardizedFileURL.path
        var files: [String: String] = [:]
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            guard isSetFile(relative) else { continue }
            do {
                files[relative] = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw .unreadableFile(path: url.path, reason: "not readable as UTF-8 text")
            }
        }
        guard !files.isEmpty else {
            throw .unusableDirectory(path: directory.path, reason: "it holds no *.mustache file and no \(Strings.fileName)")
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
