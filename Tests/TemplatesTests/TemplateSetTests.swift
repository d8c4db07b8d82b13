import Foundation
import Testing
@testable import Templates

struct TemplateSetTests {
    /// A fresh folder holding `files` (path → text).
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return url
    }

    /// The section headings of the default document of `set`, in order.
    func headings(_ set: TemplateSet, incidentType: String? = nil) -> [String] {
        set.sections([:], incidentType: incidentType).compactMap { section in
            section.text.hasPrefix("## ") ? String(section.text.dropFirst(3).prefix { $0 != "\n" }) : nil
        }
    }

    @Test func builtInSetIsEmbedded() throws {
        let set = try TemplateSet.load()
        #expect(set.name == "builtin:en")
        for locale in TemplateSet.builtInLocales {
            let set = try TemplateSet.load(locale: locale)
            #expect(set.name == "builtin:\(locale)")
            #expect(Set(set.sources.keys) == Set(try TemplateSet.load().sources.keys), "\(locale) lacks a file en has")
            #expect(set.sources["types/connection_exhaustion"] != nil)
            #expect(set.layouts[TemplateSet.documentName]?.sections.first == "header")
        }
    }

    /// A built-in translation gives every partial and every text English has: nothing of a
    /// Spanish document falls back to English words. Only the lists of sections are shared.
    @Test func builtInTranslationsAreComplete() throws {
        let english = TemplateSet.builtInFiles(locale: "en")
        let englishTables = try Strings.tables(from: english[Strings.fileName] ?? "", file: "en")
        for locale in TemplateSet.builtInLocales where locale != "en" {
            let files = TemplateSet.builtInFiles(locale: locale)
            let set = try TemplateSet.load(locale: locale)
            let layouts = Set(set.layouts.keys.map { "\($0).mustache" })
            #expect(Set(files.keys) == Set(english.keys).subtracting(layouts), "\(locale)")
            let tables = try Strings.tables(from: files[Strings.fileName] ?? "", file: locale)
            #expect(tables.mapValues { Set($0.keys) } == englishTables.mapValues { Set($0.keys) }, "\(locale)")
            #expect(set.strings != (try TemplateSet.load()).strings)
        }
    }

    @Test func sectionsRenderUnderTheirHeadingsInLayoutOrder() throws {
        let set = try TemplateSet.load(locale: "es")
        let sections = set.sections([:])
        #expect(sections.map(\.id) == set.layouts["postmortem"]?.sections)
        #expect(sections.first?.text.hasPrefix("# ") == true)
        #expect(headings(set).prefix(2) == ["Revisión", "Resumen"])
        #expect(sections.first { $0.id == "notes" }?.text.hasPrefix("## Notas\n\n") == true)
        let connection = set.sections([:], incidentType: "connection_exhaustion").map(\.id)
        #expect(connection.prefix(4) == ["header", "review", "connections", "summary"])
        #expect(!connection.contains("metrics"))
        #expect(set.sections([:], incidentType: "no_such_type").map(\.id) == sections.map(\.id))
    }

    @Test func aSectionThatRendersNothingIsLeftOut() throws {
        let dir = try folder(["notes.mustache": "{{#flag}}Only with the flag.{{/flag}}\n"])
        let set = try TemplateSet.load(overrides: dir)
        #expect(!set.sections([:]).map(\.id).contains("notes"))
        #expect(set.sections(["flag": true]).map(\.id).contains("notes"))
    }

    @Test func aLocaleFolderNeedsNoSwiftChange() throws {
        // A new locale holding only its strings and one template: the rest comes from English.
        let dir = try folder([
            "fr/strings.json": #"{"sections": {"notes": "Remarques", "summary": "Résumé"}, "index": {"title": "Post-mortems (fr)"}}"#,
            "fr/lessons.mustache": "Leçons.\n",
        ])
        let set = try TemplateSet.load(locale: "fr", overrides: dir)
        #expect(set.name == "custom:fr")
        #expect(set.locale == "fr")
        #expect(set.strings.locale == "fr")
        #expect(headings(set).contains("Remarques"))
        #expect(headings(set).prefix(2) == ["Review", "Résumé"])
        #expect(headings(set).contains("Timeline"))
        #expect(set.strings.index.title == "Post-mortems (fr)")
        #expect(set.strings.index.empty == (try TemplateSet.load()).strings.index.empty)
        #expect(set.sections([:]).first { $0.id == "lessons" }?.text.contains("Leçons.") == true)
        #expect(set.origins["lessons"] == dir.appendingPathComponent("fr/lessons.mustache").path)
        #expect(set.origins["summary"] == "templates/en/summary.mustache")
        // The folder of another locale is not used for Spanish: that is the built-in set.
        #expect(throws: TemplateError.self) { try TemplateSet.load(locale: "es", overrides: dir) }
        #expect(throws: TemplateError.unknownLocale("de", known: ["en", "es", "fr"])) {
            try TemplateSet.load(locale: "de", overrides: dir)
        }
    }

    @Test func aFolderOverAWholeSetKeepsWorking() throws {
        // As `templates init` wrote them before locale folders: the files of one locale at the top.
        let dir = try folder(["logs.mustache": "MIS REGISTROS\n"])
        let set = try TemplateSet.load(locale: "es", overrides: dir)
        #expect(set.name == "custom:es")
        #expect(set.sections([:]).first { $0.id == "logs" }?.text == "## Logs\n\nMIS REGISTROS\n")
    }

    @Test func aNewSectionIsAPartialAndAHeading() throws {
        let dir = try folder([
            "postmortem.mustache": "{{> header}}\n{{> summary}}\n{{> impact}}\n{{> notes}}\n",
            "impact.mustache": "Who was affected.\n",
            "strings.json": #"{"sections": {"impact": "Impact"}}"#,
        ])
        let set = try TemplateSet.load(overrides: dir)
        #expect(set.sections([:]).map(\.id) == ["header", "summary", "impact", "notes"])
        #expect(headings(set) == ["Summary", "Impact", "Notes"])
    }

    @Test(arguments: [
        ("postmortem.mustache", "{{> header}}\n## Summary\n", "postmortem.mustache:2: a document lists its sections"),
        ("postmortem.mustache", "{{> header}}\n{{> notes}}\n{{> notes}}\n", "postmortem.mustache:3: the section notes is listed twice"),
        ("postmortem.mustache", "{{! nothing }}\n\n", "postmortem.mustache:1: the document lists no section"),
        ("types/oom.mustache", "{{> header}}\n{{> oom}}\n", "the section oom listed in"),
        ("postmortem.mustache", "{{> header}}\n{{> earlier}}\n", "has no heading: add \"earlier\""),
        ("strings.json", "[1, 2]", "strings.json: it must be one JSON object of objects of texts"),
    ])
    func rejectsDocumentsThatAreNotSections(file: String, text: String, message: String) throws {
        let dir = try folder([file: text])
        #expect {
            try TemplateSet.load(overrides: dir)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func escapesValuesAsMarkdownInEveryPartial() throws {
        let dir = try folder([
            "probe.mustache": "{{title}} {{> header}}",
            "header.mustache": "|{{title}}|",
        ])
        let set = try TemplateSet.load(overrides: dir)
        #expect(set.render(["title": "<a|b>"], template: "probe") == "\\<a\\|b\\> |\\<a\\|b\\>|")
        #expect(set.sections(["title": "<a|b>"]).first?.text == "|\\<a\\|b\\>|")
    }

    @Test func aFolderOverridesSingleFiles() throws {
        let dir = try folder(["logs.mustache": "CUSTOM LOGS\n"])
        let set = try TemplateSet.load(overrides: dir)
        #expect(set.name == "custom:en")
        #expect(set.sources["logs"] == "CUSTOM LOGS\n")
        #expect(set.sources["header"] == (try TemplateSet.load()).sources["header"])
        #expect(set.sections([:]).first { $0.id == "logs" }?.text == "## Logs\n\nCUSTOM LOGS\n")
    }

    @Test func reportsSyntaxErrorsWithFileLineAndColumn() throws {
        let dir = try folder(["timeline.mustache": "# Title\n\n{{#timeline}}\n| {{time}} |\n{{/timelines}}\n"])
        let path = dir.appendingPathComponent("timeline.mustache").path
        do {
            _ = try TemplateSet.load(overrides: dir)
            Issue.record("a broken template loaded")
        } catch {
            guard case .syntax(let file, let line, _, _, let sourceLine) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == path)
            #expect(line == 5)
            #expect(sourceLine == "{{/timelines}}")
            #expect(error.description.hasPrefix("\(path):5:"))
            #expect(error.description.contains("does not match"))
        }
    }

    @Test func reportsAnUnclosedTagOnItsLine() throws {
        let dir = try folder(["header.mustache": "line one\nline {{two\n"])
        #expect {
            try TemplateSet.load(overrides: dir)
        } throws: { error in
            guard case .syntax(_, let line, let column, let reason, let source) = error as? TemplateError else {
                return false
            }
            return line == 2 && column == 6 && source == "line {{two" && reason.contains("never closed")
        }
    }

    @Test func pointsAtTheSectionLeftOpen() throws {
        let dir = try folder(["timeline.mustache": "| a |\n{{#timeline}}\n| {{time}} |\n{{#flag}}x{{/flag}}\n"])
        #expect {
            try TemplateSet.load(overrides: dir)
        } throws: { error in
            guard case .syntax(_, 2, 1, let reason, "{{#timeline}}") = error as? TemplateError else { return false }
            return reason.contains("never closed")
        }
    }

    @Test(arguments: [
        ("missing", "it does not exist"),
        ("empty", "it has no folder en/ and no template file"),
        ("file", "it is a file, not a folder"),
    ])
    func rejectsUnusableFolders(kind: String, reason: String) throws {
        let url: URL
        switch kind {
        case "missing": url = URL(fileURLWithPath: "/nonexistent/templates-\(UUID().uuidString)")
        case "empty": url = try folder(["README.txt": "no templates"])
        default: url = try folder(["a.mustache": "x"]).appendingPathComponent("a.mustache")
        }
        #expect(throws: TemplateError.unusableDirectory(path: url.path, reason: reason)) {
            try TemplateSet.load(overrides: url)
        }
    }

    @Test func rejectsAnUnknownLocale() {
        #expect(throws: TemplateError.unknownLocale("xx", known: ["en", "es"])) {
            try TemplateSet.load(locale: "xx")
        }
        // A locale names a folder: never a path.
        #expect(throws: TemplateError.unknownLocale("../en", known: ["en", "es"])) {
            try TemplateSet.load(locale: "../en")
        }
    }
}
