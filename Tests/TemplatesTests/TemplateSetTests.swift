import Foundation
import Testing
@testable import Templates

struct TemplateSetTests {
    /// A fresh folder holding `files` (name → text).
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url
    }

    @Test func builtInSetIsEmbedded() throws {
        let set = try TemplateSet.load()
        #expect(set.name == "builtin:en")
        for locale in TemplateSet.builtInLocales {
            let set = try TemplateSet.load(locale: locale)
            #expect(set.name == "builtin:\(locale)")
            #expect(Set(set.sources.keys) == Set(try TemplateSet.load().sources.keys), "\(locale) lacks a file en has")
            #expect(set.sources["types/connection_exhaustion"] != nil)
        }
    }

    @Test func escapesValuesAsMarkdownInEveryPartial() throws {
        let dir = try folder([
            "postmortem.mustache": "{{title}} {{> header}}",
            "header.mustache": "|{{title}}|",
        ])
        let set = try TemplateSet.load(overrides: dir)
        #expect(set.render(["title": "<a|b>"]) == "\\<a\\|b\\> |\\<a\\|b\\>|")
    }

    @Test func aFolderOverridesSingleFiles() throws {
        let dir = try folder(["logs.mustache": "CUSTOM LOGS\n"])
        let set = try TemplateSet.load(overrides: dir)
        #expect(set.name == "custom:en")
        #expect(set.sources["logs"] == "CUSTOM LOGS\n")
        #expect(set.sources["header"] == (try TemplateSet.load()).sources["header"])
        #expect(set.render([:]).contains("CUSTOM LOGS"))
    }

    @Test func reportsSyntaxErrorsWithFileLineAndColumn() throws {
        let dir = try folder(["postmortem.mustache": "# Title\n\n{{#timeline}}\n| {{time}} |\n{{/timelines}}\n"])
        let path = dir.appendingPathComponent("postmortem.mustache").path
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
        ("empty", "it holds no *.mustache file"),
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
    }
}
