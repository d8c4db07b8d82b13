import Foundation
import Testing
@testable import PostMortem
@testable import Templates

/// Renders incidents with the built-in templates and checks the document's structure through cmark-gfm.
struct ReportRenderingTests {
    static let sectionHeadings = [
        "Summary", "Key durations", "Timeline", "Metrics at detection", "Root cause and analysis",
        "Corrective action and approval", "Recurrence", "Logs", "Action items", "Lessons learned", "Notes",
        "Data quality notes",
    ]

    let generator = PostMortemGenerator(templates: try! TemplateSet.load(), connectionString: nil)

    func tags(_ tag: String, in html: String) -> [String] {
        html.components(separatedBy: "<\(tag)>").dropFirst().compactMap { $0.components(separatedBy: "</\(tag)>").first }
    }

    func hostileIncident(_ text: String) -> Incident {
        var value = incident(events: [("detected", 0), ("executing_solution", 5), ("resolved", 30)], executed: 5)
        value.title = text
        value.target = text
        value.serverName = text
        value.incidentType = text
        value.approvedBy = text
        value.fingerprint = text
        value.logs = text
        value.agentReasoning = text
        value.proposedAction = text
        value.actionResult = text
        value.actionError = text
        value.metricsSnapshot = .object([(key: text, value: .string(text)), (key: "mem_percent", value: .number("91.5"))])
        return value
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "| a | b |\n|---|---|",
        "# heading\n## another\n```\nopen fence",
        "````\n~~~\n</code></pre><img src=x onerror=alert(1)>",
        "[x](javascript:alert(1)) <a href=\"javascript:alert(2)\">y</a>",
        "\u{202E}مرحبا 🔥\u{0}\u{1B}[0m\r\n- item\n1. item\n> quote\n---",
    ])
    func hostileTextNeverChangesTheStructure(text: String) {
        let document = generator.document(for: hostileIncident(text))
        let html = HTMLRenderer.fragment(fromMarkdown: document)
        #expect(tags("h1", in: html).count == 1)
        #expect(tags("h2", in: html) == Self.sectionHeadings)
        #expect(html.components(separatedBy: "<table>").count - 1 == 4)
        // Every header row is followed by rows of exactly two (or five) cells.
        #expect(tags("tr", in: html).allSatisfy { [2, 5].contains($0.components(separatedBy: "<td").count - 1 + $0.components(separatedBy: "<th").count - 1) })
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<h3"))
        #expect(!html.contains("<blockquote"))
        // Five code blocks: proposed action, output, error, analysis, logs.
        #expect(html.components(separatedBy: "<pre>").count - 1 == 5)
    }

    @Test func showsTheFactsOfAnApprovedFix() {
        var value = incident(
            events: [("detected", 0), ("analyzed", 3.5), ("awaiting_approval", 3.6), ("executing_solution", 21),
                     ("verifying", 21.3), ("resolved", 29.5)],
            executed: 21, resolved: 29.5)
        value.title = "payments-api out of memory"
        value.approvedBy = "ana@example.com"
        value.proposedAction = "docker restart payments-api"
        value.metricsSnapshot = try? JSONValue(parsing: #"{"type": "container", "mem_percent": 99.20}"#)
        let document = generator.document(for: value)
        #expect(document.contains("| Detected | 2026-10-01 08:00:00 |"))
        #expect(document.contains("| Resolved | 2026-10-01 08:29:30 |"))
        #expect(document.contains("| Time to resolve | 29m 30s |"))
        #expect(document.contains("| 4 | 2026-10-01 08:21:00 | executing_solution | 17m 24s |"))
        #expect(document.contains("| Decision | approved |"))
        #expect(document.contains("| Decision recorded by | ana@example.com |"))
        #expect(document.contains("| mem_percent | 99.20 |"))
        #expect(document.contains("```sh\ndocker restart payments-api\n```"))
    }

    @Test func marksInferredEntriesAndMissingFacts() {
        var value = incident(events: [], executed: nil, resolved: 45)
        value.sourceType = "manual"
        let document = generator.document(for: value)
        #expect(document.contains("| 1 | 2026-10-01 08:00:00 | detected | — | inferred from created_at, no event recorded |"))
        #expect(document.contains("| 2 | 2026-10-01 08:45:00 | resolved | 45m 00s | inferred from resolved_at, no event recorded |"))
        #expect(document.contains("No metrics snapshot was captured for this incident."))
        #expect(document.contains("| Decision | no decision recorded |"))
        #expect(document.contains("The agent proposed no corrective action."))
        #expect(document.contains("No logs were collected for this incident."))
        #expect(document.contains("| Server | not recorded |"))
    }

    @Test(arguments: [(nil as Double?, "| Time to resolve | unknown |"), (-5, "| Time to resolve | -5m 00s (negative: resolved_at is before created_at) |")])
    func neverPrintsAMissingOrNegativeDurationAsZero(resolved: Double?, expected: String) {
        let document = generator.document(for: incident(status: "resolved", resolved: resolved))
        #expect(document.contains(expected))
    }

    @Test(arguments: ["null", "{}", "[]"])
    func treatsAnEmptySnapshotAsNone(json: String) throws {
        var value = incident()
        value.metricsSnapshot = try JSONValue(parsing: json)
        #expect(generator.document(for: value).contains("No metrics snapshot was captured"))
    }

    @Test func showsASnapshotThatIsNotJSONVerbatim() {
        var value = incident()
        value.unparsableMetrics = "{broken"
        #expect(generator.document(for: value).contains("| (not valid JSON) | {broken |"))
    }
}
