import Foundation
import Testing
import TestSupport
@testable import PostMortem
@testable import Templates

/// Documents stay under the most characters Sentinel's dashboard can save, cut only where
/// sentinel-report generated them, with every cut marked and the markdown whole.
struct DocumentFitTests {
    static func generator(locale: String = "en", maxCharacters: Int? = ReportSettings.defaultMaxCharacters) -> PostMortemGenerator {
        var settings = ReportSettings.builtIn(locale)
        settings.maxCharacters = maxCharacters
        return PostMortemGenerator(templates: try! TemplateSet.load(locale: locale), settings: settings, connectionString: nil)
    }

    /// What production has: structured logs in one 1 MB line, 300 KB of command output, a long
    /// analysis with lists, tables and code, and a flapping timeline of 2,000 events.
    static var huge: Incident {
        var incident = Lifecycle.approvedFix.incident
        let item = #"{"level":"error","msg":"pool exhausted","conn":"db-1","wait_ms":5000,"trace":"ñ€😀"}"#
        incident.logs =
            (incident.logs ?? "") + "\n[2026-10-01 08:00:02 UTC] ["
            + String(repeating: item + ",", count: 1_000_000 / item.utf8.count) + "]"
        incident.actionResult = (0..<4_000).map { "step \($0): | `restarting` ``` payments-api ~~~" }.joined(separator: "\n")
        incident.actionError = String(repeating: "warning: slow shutdown ```\n", count: 2_000)
        incident.agentReasoning =
            "## Causa Raíz\nFuga de memoria.\n\n"
            + (0..<600).map { section in
                "## Evidencia \(section)\n- punto uno\n- punto dos\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncódigo \(section)\n```\n"
            }.joined(separator: "\n")
        incident.events += (0..<2_000).map {
            IncidentEvent(
                status: "verifying", time: Timestamp(microseconds: incident.createdAt.microseconds + Int64(1_800 + $0) * 1_000_000))
        }
        return incident
    }

    static func characters(_ text: String) -> Int { text.unicodeScalars.count }

    @Test(arguments: ["en", "es"])
    func aHugeIncidentFitsWithEverySectionAndEveryFenceClosed(locale: String) throws {
        let generator = Self.generator(locale: locale)
        let incident = Self.huge
        let (merged, fit) = generator.document(for: incident, facts: ReportModel.Facts(incident: incident, strings: .builtIn(locale)))
        let full = Self.generator(locale: locale, maxCharacters: nil).document(for: incident).text
        #expect(Self.characters(full) > 1_000_000)
        #expect(Self.characters(merged.text) <= 60_000)
        #expect(fit.characters == Self.characters(merged.text))
        #expect(!fit.isOver)
        #expect(Set(fit.cuts.parts) == ["logLines", "commandOutput", "analysis", "timeline"])
        // It still uses much of the room it has: the parts share it, none is cut away wholesale.
        #expect(Self.characters(merged.text) > 50_000)

        // Every section is there, each a generated region, and nothing swallowed a heading.
        let outline = Outline(markdown: merged.text)
        #expect(outline.sections == expectedSections[locale])
        #expect(DocumentMergeTests.regionNames(merged.text) == DocumentMergeTests.regionNames(full))
        #expect(Outline.raggedTables(in: merged.text).isEmpty)
        // Every fence closes (an open one would also have swallowed the headings after it).
        #expect(Self.openFences(in: merged.text) == 0)
        // Each cut says what it left out and how to see it all: the log lines, the output, the
        // error, the analysis, the timeline and the data quality notes.
        let seeAll = "`sentinel-report render \(incident.id) --max-chars 0`"
        #expect(merged.text.components(separatedBy: seeAll).count - 1 == 6)
        #expect(merged.text.contains(locale == "es" ? "caracteres más]" : "more characters]"))
        #expect(merged.text.contains(locale == "es" ? "caracteres omitidos ...]" : "characters left out ...]"))
    }

    /// Fences open at the end of `text`, read as CommonMark does: a fence closes with a line of
    /// at least as many of the same character and nothing else.
    static func openFences(in text: String) -> Int {
        var open: (Character, Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let run = line.prefix { $0 == "`" || $0 == "~" }
            guard run.count >= 3, let character = run.first, run.allSatisfy({ $0 == character }) else { continue }
            if let (fence, length) = open {
                if character == fence, run.count >= length, line.dropFirst(run.count).allSatisfy(\.isWhitespace) { open = nil }
            } else if character == "~" || !line.dropFirst(run.count).contains("`") {
                open = (character, run.count)
            }
        }
        return open == nil ? 0 : 1
    }

    @Test func aDocumentUnderTheLimitIsNotTouched() throws {
        let incident = Lifecycle.approvedFix.incident
        let (merged, fit) = Self.generator().document(for: incident, facts: ReportModel.Facts(incident: incident, strings: .builtIn("en")))
        #expect(fit.cuts == ReportCuts())
        #expect(fit.characters == nil)
        #expect(merged.text == Self.generator(maxCharacters: nil).document(for: incident).text)
    }

    @Test func longLogLinesAloneAreCutToTheirWidth() throws {
        var incident = Lifecycle.approvedFix.incident
        incident.logs = (incident.logs ?? "") + "\n[2026-10-01 08:00:02 UTC] " + String(repeating: "é", count: 200_000)
        let (merged, fit) = Self.generator().document(for: incident, facts: ReportModel.Facts(incident: incident, strings: .builtIn("en")))
        #expect(fit.cuts.parts == ["logLines"])
        #expect(merged.text.contains(String(repeating: "é", count: 474) + " [... 199526 more characters]"))
        // Nothing else had to go.
        #expect(merged.text.contains("Fuga de memoria en la caché de tarifas"))
    }

    @Test func textPeopleWroteIsNeverCutAndALongOneIsReported() throws {
        let generator = Self.generator()
        let incident = Lifecycle.approvedFix.incident
        var stored = incident
        stored.postMortem =
            generator.document(for: incident).text
            + "\n## Our notes\n\n" + String(repeating: "The on-call engineer's account, line by line.\n", count: 2_000)
        let (merged, fit) = generator.document(for: stored, facts: ReportModel.Facts(incident: stored, strings: .builtIn("en")))
        #expect(merged.text.contains(String(repeating: "The on-call engineer's account, line by line.\n", count: 2_000)))
        #expect(fit.isOver)
        #expect(fit.characters == Self.characters(merged.text))

        var summary = RunSummary()
        summary.record(fit, of: incident.id)
        summary.generated = [incident.id]
        #expect(summary.overLimit.map(\.id) == [incident.id])
        #expect(summary.text.contains("long    \(incident.id): \(Self.characters(merged.text)) characters, over the limit of 60000"))
    }

    @Test func theSameIncidentIsCutTheSameWayEveryTime() throws {
        let incident = Self.huge
        let first = Self.generator().document(for: incident).text
        #expect(Self.generator().document(for: incident).text == first)
    }

    @Test(
        arguments: [
            ("short\nlines", 10, "short\nlines", 0),
            ("0123456789abc\nxy", 10, "0123456789 [... 3 more characters]\nxy", 1),
            ("ñññññ😀😀\n\nabcdefghijk", 5, "ñññññ [... 2 more characters]\n\nabcde [... 6 more characters]", 2),
            ("0123456789", 10, "0123456789", 0),
        ] as [(String, Int, String, Int)])
    func cutsEveryLineLongerThanTheWidth(text: String, width: Int, expected: String, cut: Int) {
        let result = ReportCuts.cuttingLines(of: text, width: width) { Strings.filling(Strings.builtIn().cuts.lineEnd, count: $0) }
        #expect(result.text == expected)
        #expect(result.cut == cut)
    }

    @Test(arguments: [10, 100, 1_000, 5_000])
    func keepsTheStartAndTheEndOfAnOutput(keeping: Int) throws {
        let text = (1...2_000).map { "line \($0) ñ" }.joined(separator: "\n")
        let (kept, omitted) = try #require(ReportCuts.cuttingMiddle(of: text, keeping: keeping) { "[\($0) left out]" })
        let parts = kept.components(separatedBy: "\n[\(omitted) left out]\n")
        #expect(parts.count == 2)
        #expect(text.hasPrefix(parts[0]) && text.hasSuffix(parts[1]))
        #expect(Self.characters(parts[0]) + Self.characters(parts[1]) + omitted == Self.characters(text))
        #expect(Self.characters(parts[0]) + Self.characters(parts[1]) <= keeping)
        #expect(parts[1].hasSuffix("2000 ñ"))
        #expect(ReportCuts.cuttingMiddle(of: text, keeping: Self.characters(text)) { "\($0)" } == nil)
    }

    @Test func cutsAnAnalysisBetweenItsBlocksOnly() throws {
        let embedded = EmbeddedMarkdown("## Uno\n\n- a\n- b\n\n```\ncode\n```\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\nFin.", below: 3)
        let total = Self.characters(embedded.text)
        #expect(embedded.excerpt(fitting: total) == nil)
        for budget in 0..<total {
            let excerpt = try #require(embedded.excerpt(fitting: budget))
            #expect(Self.characters(excerpt.text) <= budget)
            #expect(embedded.text.hasPrefix(excerpt.text))
            #expect(Self.openFences(in: excerpt.text) == 0)
            // A cut falls where a block ends: the rest starts on a block of its own.
            let rest = embedded.text.dropFirst(excerpt.text.count)
            #expect(rest.isEmpty || rest.hasPrefix("\n\n") || excerpt.text.isEmpty, "\(budget)")
            #expect(excerpt.omittedCharacters == total - Self.characters(excerpt.text))
        }
    }

    /// The cut document renders the same through the compiled templates and swift-mustache.
    @Test(arguments: ["en", "es"])
    func cutModelsRenderAlikeInBothRenderers(locale: String) throws {
        let generator = Self.generator(locale: locale)
        let (incident, cuts) = SampleIncidents.long
        let model = ReportModel.make(
            for: incident, facts: ReportModel.Facts(incident: incident, strings: .builtIn(locale)),
            generator: ReportModel.Generator(version: "0.0.0", templateSet: generator.templates.name),
            settings: generator.settings, cuts: cuts)
        for name in generator.templates.sources.keys.sorted() {
            #expect(
                generator.templates.render(model, template: name)
                    == generator.templates.renderWithSwiftMustache(model, template: name), "\(name)")
        }
    }
}
