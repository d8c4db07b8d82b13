import Foundation
import Testing
import TestSupport
@testable import PostMortem
@testable import Templates

/// Random and adversarial text in every field never changes a document's structure.
struct HostileTextPropertyTests {
    /// Pieces that mean something to markdown, HTML or a terminal, and plain text around them.
    static let pieces = [
        "#", "## ", "\n", "\r\n", "|", "||", "`", "```", "````", "~~~", "<script>", "</script>", "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">", "[x](javascript:alert(1))", "![i](data:text/html,x)", "*", "_", "**", "> ",
        "- ", "1. ", "---", "===", "&lt;", "&#x3C;", "\\", "<!--", "-->", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{202E}",
        "\u{2028}", "\u{FFFD}", "🔥", "مرحبا", "text", " ", "    ", "http://x.y/", "www.example.com", "<div onclick=\"x\">",
        "{{title}}", "{{{x}}}", "$1", "%s", "\t",
    ]

    static func randomText(_ random: inout SeededRandom) -> String {
        var text = ""
        for _ in 0..<(1 + random.next() % 12) {
            text += pieces[Int(random.next() % UInt64(pieces.count))]
        }
        if random.next() % 10 == 0 { text += String(repeating: "long line ", count: 2000) }
        return text
    }

    @Test(arguments: 0..<8)
    func documentsKeepTheirShape(batch: Int) throws {
        let generator = PostMortemGenerator(templates: try TemplateSet.load(), connectionString: nil)
        var random = SeededRandom(seed: UInt64(1000 + batch))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var pages: [URL] = []
        for index in 0..<25 {
            var incident = Lifecycle.approvedFix.incident
            for keyPath: WritableKeyPath<Incident, String> in [\.title, \.target, \.severity, \.sourceType] {
                incident[keyPath: keyPath] = Self.randomText(&random)
            }
            for keyPath: WritableKeyPath<Incident, String?> in [
                \.serverName, \.incidentType, \.approvedBy, \.fingerprint, \.logs, \.proposedAction, \.actionResult,
                \.actionError, \.containerRuntime,
            ] {
                incident[keyPath: keyPath] = "x" + Self.randomText(&random)
            }
            incident.metricsSnapshot = .object([
                (key: Self.randomText(&random), value: .string(Self.randomText(&random))),
                (key: "type", value: .string(Self.randomText(&random))),
            ])
            incident.recurrence.latest[0].title = Self.randomText(&random)
            incident.agentReasoning = nil
            let document = generator.document(for: incident).text
            let outline = Outline(markdown: document)
            #expect(outline.sections == expectedSections["en"], "seed \(batch)/\(index)")
            #expect(outline.tables == 8, "seed \(batch)/\(index)")
            #expect(Outline.raggedTables(in: document).isEmpty, "seed \(batch)/\(index)")
            #expect(outline.html.components(separatedBy: "<pre>").count - 1 == 4, "seed \(batch)/\(index)")
            #expect(outline.html.components(separatedBy: "<h1>").count - 1 == 1, "seed \(batch)/\(index)")

            incident.agentReasoning = Self.randomText(&random)
            let page = folder.appendingPathComponent("\(index).html")
            try generator.page(for: incident, document: generator.document(for: incident).text)
                .write(to: page, atomically: true, encoding: .utf8)
            pages.append(page)
        }
        #expect(try HTML5Check.problems(in: pages) == [])
    }
}
