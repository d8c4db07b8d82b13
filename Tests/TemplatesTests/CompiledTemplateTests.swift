import Foundation
import Testing
@testable import Templates

/// The compiled renderer against swift-mustache, the reference, on the edge cases of mustache's
/// white-space and look-up rules.
struct CompiledTemplateTests {
    static let model: TemplateObject = [
        "name": "a*b", "yes": true, "no": false, "empty": [], "blank": "",
        "rows": [["n": "1", "flag": true], ["n": "2", "flag": false], ["n": "3"]],
        "nested": ["inner": ["deep": "x"], "n": "outer-n"], "strings": ["p", "q"],
        "generator": ["version": "1.0"],
    ]

    /// Templates the compiled renderer must render exactly as swift-mustache does.
    static let templates = [
        "plain text\nno tags", "{{name}} {{{name}}} {{& name}} {{ name }}", "{{missing}}|{{nested.inner.deep}}|",
        "{{#yes}}Y{{/yes}}{{^yes}}N{{/yes}}{{#no}}Y{{/no}}{{^no}}N{{/no}}",
        "{{#rows}}{{n}}{{#flag}}!{{/flag}}{{name}},{{/rows}}", "{{^empty}}none{{/empty}}{{#empty}}x{{/empty}}",
        "{{#blank}}[{{.}}]{{/blank}}{{^blank}}not{{/blank}}", "{{#nested}}{{n}} {{inner.deep}} {{name}}{{/nested}}",
        "{{#nested}}{{#inner}}{{deep}}{{n}}{{.deep}}{{.n}}{{/inner}}{{/nested}}", "{{#strings}}<{{.}}>{{/strings}}",
        "{{generator.version}} {{#generator}}{{version}}{{/generator}}", "{{yes}} {{no}}",
        "{{#nested}}{{nested.n}}{{/nested}} {{nested.missing.deep}}",
        // Standalone lines.
        "a\n{{#yes}}\nb\n{{/yes}}\nc\n", "a\n  {{#yes}}  \nb\n  {{/yes}}\t\nc", "a\n{{! comment }}\nb\n",
        "  {{! indented comment }} \nx", "a {{! inline }} b\n", "{{#rows}}\n| {{n}} |\n{{/rows}}\n",
        "a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\nc", " {{#yes}} x {{/yes}} \n", "{{#yes}}\n{{/yes}}", "x\n{{#no}}\n{{/no}}  ",
        "  {{name}}\n", "\t{{#yes}}{{name}}{{/yes}}\n", "{{> part}}\n{{> part}}{{> part}}\n", "x {{> part}} y\n",
        "{{#rows}}{{> part}}{{/rows}}", "{{> nothing}}|", "one { brace } and {x",
        "{{#yes}}\n  {{! c }}\n{{/yes}}\n", "line\n\n\n{{^no}}\n\n{{/no}}\n",
    ]

    /// A set with a template `probe` = `template` and a partial `part`.
    static func set(_ template: String) throws -> TemplateSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compiled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try template.write(to: folder.appendingPathComponent("probe.mustache"), atomically: true, encoding: .utf8)
        try "[{{name}}|{{n}}]\n".write(to: folder.appendingPathComponent("part.mustache"), atomically: true, encoding: .utf8)
        return try TemplateSet.load(overrides: folder)
    }

    @Test(arguments: templates)
    func rendersAsSwiftMustacheDoes(template: String) throws {
        let set = try Self.set(template)
        #expect(set.isCompiled)
        #expect(set.render(Self.model, template: "probe") == set.renderWithSwiftMustache(Self.model, template: "probe"))
    }

    /// What only swift-mustache renders leaves the whole set to it, with the same output.
    @Test(arguments: [
        "{{=<% %>=}}<% name %>", "{{% CONTENT_TYPE: TEXT}}\n{{name}}", "{{#rows}}{{#first()}}F{{/first()}}{{/rows}}",
        "{{uppercased(name)}}", "  {{> part}}\n", "{{>*name}}", "{{<part}}{{$b}}x{{/b}}{{/part}}",
    ])
    func leavesOtherFeaturesToSwiftMustache(template: String) throws {
        let set = try Self.set(template)
        #expect(!set.isCompiled)
        #expect(set.render(Self.model, template: "probe") == set.renderWithSwiftMustache(Self.model, template: "probe"))
    }

    @Test func builtInSetsAreCompiled() throws {
        for locale in TemplateSet.builtInLocales {
            #expect(try TemplateSet.load(locale: locale).isCompiled)
        }
    }
}
