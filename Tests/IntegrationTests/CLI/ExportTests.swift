import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Templates
import Testing
import TestSupport

/// `export` on a hostile data set, through the binary: every page safe, every fragment well-formed.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct ExportTests {
    let database: TestDatabase
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")

    static let hostile: [(String, String)] = [
        ("f0000000-0000-4000-8000-000000000001", "<img src=x onerror=alert(1)> \" onmouseover=\"alert(2)"),
        ("f0000000-0000-4000-8000-000000000002", "[docs](javascript:alert(1)) <a href='javascript:x'>y</a>"),
        ("f0000000-0000-4000-8000-000000000003", "```\nunbalanced fence\n<script>alert(3)</script>"),
        ("f0000000-0000-4000-8000-000000000004", "\u{202E}مرحبا בדיקה 🔥🚒 <svg onload=alert(4)>"),
    ]

    init() throws {
        database = try TestDatabase()
        try Fixtures.load(into: database)
        for (id, text) in Self.hostile {
            try database.insertIncident(
                id: id, title: text,
                extra: [
                    "logs": text, "agent_reasoning": "## Causa Raíz\n" + text, "action_result": text, "approved_by": text,
                    "metrics_snapshot": #"{"type": "container", "mem_percent": 93.5, "cpu_percent": 12}"#,
                ])
            try database.insertEvents(
                id,
                [
                    ("detected", "2026-10-01 08:00:00+00"), ("analyzed", "2026-10-01 08:02:00+00"),
                    ("awaiting_approval", "2026-10-01 08:02:10+00"), ("executing_solution", "2026-10-01 08:10:00+00"),
                    ("verifying", "2026-10-01 08:10:20+00"), ("resolved", "2026-10-01 08:30:00+00"),
                ])
        }
        // A post-mortem a person wrote, hostile too.
        try database.execute(
            "UPDATE incidents SET post_mortem_md = $2 WHERE id = $1",
            [Fixtures.foreign, "# Hand-written\n<script>alert(5)</script>\n[x](javascript:alert(6))\n<div onclick=\"y\">z</div>"])
        let generate = try BinaryRun.run(
            BinaryRun.binary,
            ["generate", "--incident", Fixtures.approved, "--incident", Fixtures.hostile]
                + Self.hostile.map { ["--incident", $0.0] }.flatMap { $0 }, environment: ["DATABASE_URL": database.url])
        #expect(generate.status == 0, "\(generate.stderr)")
    }

    func export(_ arguments: [String]) throws -> BinaryRun {
        try BinaryRun.run(
            BinaryRun.binary, ["export", "--output", folder.path] + arguments, environment: ["DATABASE_URL": database.url])
    }

    func files(_ suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }
    }

    @Test func htmlPagesAreSelfContainedAndInert() throws {
        let result = try export(["--incident-url", "https://sentinel.example.com/incidents/{id}"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("7 post-mortems exported"))
        #expect(result.stderr.contains("1 resolved incident(s) have no post-mortem yet"))
        #expect(result.stderr.contains(Fixtures.manual))
        let pages = try files(".html")
        #expect(pages.count == 8)  // seven pages and index.html
        #expect(try HTML5Check.problems(in: pages) == [])
        for page in pages where page.lastPathComponent != "index.html" {
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(html.contains("Content-Security-Policy"))
            #expect(!html.contains("<link") && !html.contains(" src=\"http"))
            #expect(html.contains("<dl class=\"meta\">"))
            #expect(html.contains("https://sentinel.example.com/incidents/"))
        }
        let approved = try String(
            contentsOf: folder.appendingPathComponent("2026-10-01-payments-api-out-of-memory-a0000000.html"), encoding: .utf8)
        #expect(approved.contains("<h2 id=\"summary\">Summary</h2>"))
        #expect(approved.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(approved.contains("Waiting for a decision: 17m 24s"))
        #expect(approved.contains("Memory, share of limit"))
    }

    @Test func theIndexListsEveryPageNewestFirstByMonth() throws {
        try database.insertIncident(
            id: "f0000000-0000-4000-8000-000000000099", title: "November outage", createdAt: "2026-11-03 10:00:00+00",
            resolvedAt: "2026-11-03 11:00:00+00", postMortem: "# November outage\n\nWritten by hand.\n")
        _ = try export([])
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let november = try #require(index.range(of: "<h2 id=\"m-2026-11\">2026-11</h2>"))
        let october = try #require(index.range(of: "<h2 id=\"m-2026-10\">2026-10</h2>"))
        #expect(november.lowerBound < october.lowerBound)
        #expect(index.contains("<a href=\"2026-11-03-november-outage-f0000000.html\">November outage</a>"))
        #expect(index.contains("<td>1h 00m 00s</td>"))
    }

    @Test func fragmentsAreWellFormedXHTML() throws {
        let result = try export(["--format", "fragment"])
        #expect(result.status == 0)
        let fragments = try files(".xhtml")
        #expect(fragments.count == 8)
        for fragment in fragments {
            let parser = XMLParser(data: try Data(contentsOf: fragment))
            #expect(parser.parse(), "\(fragment.lastPathComponent): \(parser.parserError.map { "\($0)" } ?? "")")
            let text = try String(contentsOf: fragment, encoding: .utf8)
            #expect(!text.contains("<script") && !text.contains("<!DOCTYPE"))
        }
        #expect(try HTML5Check.problems(in: fragments) == [])
    }

    @Test func markdownHasAHomeWithWorkingLinks() throws {
        let result = try export(["--format", "markdown"])
        #expect(result.status == 0)
        let home = try String(contentsOf: folder.appendingPathComponent("Home.md"), encoding: .utf8)
        // The links as a markdown renderer sees them.
        let html = HTMLRenderer.fragment(fromMarkdown: home)
        let targets = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(targets.count == 7)
        for target in targets {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).path), "\(target)")
        }
        let page = try String(
            contentsOf: folder.appendingPathComponent("2026-10-01-payments-api-out-of-memory-a0000000.md"), encoding: .utf8)
        #expect(page.hasPrefix("# Post-mortem: payments-api out of memory"))
        #expect(!page.contains("<!-- sentinel-report"))
    }

    @Test func rewritesOnlyItsOwnFilesUnderStableNames() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mine = folder.appendingPathComponent("notes.html")
        try "kept".write(to: mine, atomically: true, encoding: .utf8)
        _ = try export([])
        let first = try files(".html").map(\.lastPathComponent)
        _ = try export([])
        #expect(try files(".html").map(\.lastPathComponent) == first)
        #expect(try String(contentsOf: mine, encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func generateHTMLUsesTheSamePages() throws {
        let out = folder.appendingPathComponent("generated")
        let result = try BinaryRun.run(
            BinaryRun.binary, ["generate", "--force", "--output", out.path, "--html", "--incident", Fixtures.approved],
            environment: ["DATABASE_URL": database.url])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(
            contentsOf: out.appendingPathComponent("2026-10-01-payments-api-out-of-memory-a0000000.html"), encoding: .utf8)
        #expect(html.contains("<dl class=\"meta\">"))
        #expect(html.contains("<svg"))
    }
}
