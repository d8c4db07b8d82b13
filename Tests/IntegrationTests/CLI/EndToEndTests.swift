import Foundation
import Testing
import TestSupport

/// Runs the built binary, copied alone into an empty folder, against a real database.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct EndToEndTests {
    let database: TestDatabase
    let folder: URL
    let binary: URL

    init() throws {
        database = try TestDatabase()
        try Fixtures.load(into: database)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        binary = try BinaryRun.isolatedBinary.get()
    }

    func run(_ arguments: [String], environment: [String: String]? = nil) throws -> BinaryRun {
        try BinaryRun.run(binary, arguments, environment: environment ?? ["DATABASE_URL": database.url], in: folder)
    }

    @Test func generatesIntoTheDatabaseAndToFilesWithTheEmbeddedTemplates() throws {
        let result = try run(["generate", "--output", "out", "--html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("4 generated, 0 unchanged, 0 conflicts, 0 skipped, 0 failed in "))
        #expect(result.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        #expect(files.filter { $0.hasSuffix(".md") }.count == 4)
        #expect(files.filter { $0.hasSuffix(".html") }.count == 4)
        for id in [Fixtures.approved, Fixtures.manual, Fixtures.foreign, Fixtures.hostile] {
            #expect(try database.postMortem(id)?.hasPrefix("<!-- sentinel-report document; ") == true)
        }
        let html = try String(
            contentsOf: folder.appendingPathComponent("out/2026-10-01-payments-api-out-of-memory-a0000000.html"),
            encoding: .utf8)
        #expect(html.contains("<table>"))
        #expect(!html.contains("<script"))

        // Not on a terminal: plain log lines, no control characters.
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))
        #expect(result.stderr.contains("info sentinel-report: done="))
        #expect(result.stderr.contains("done=4 incidents="))

        let again = try run(["generate"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("Nothing to do"))
    }

    @Test func showsALiveProgressLineOnATerminal() throws {
        // script(1) gives the run a pseudo-terminal, as a person at a shell would have.
        let command = "DATABASE_URL='\(database.url)' '\(binary.path)' generate"
        let result = try BinaryRun.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("\r\u{1B}[2K4 / 4 post-mortems"))
        #expect(result.stdout.contains("4 generated, 0 unchanged"))
        #expect(!result.stdout.contains("info sentinel-report"))
    }

    @Test func writesSpanishWithTheSpanishSet() throws {
        let result = try run(["render", Fixtures.approved, "--locale", "es", "--incident-url", "https://s.example/i/{id}"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("## Cronología"))
        #expect(result.stdout.contains("| Incidente | [\(Fixtures.approved)](https://s.example/i/\(Fixtures.approved)) |"))
    }

    @Test func countsDataQualityNotesInTheSummary() throws {
        let result = try run(["generate", "--dry-run"])
        #expect(result.status == 0)
        // Three fixtures have no events: their detected and resolved entries are inferred; the
        // manual one's missing "detected" event is how Sentinel records reports by hand, no gap.
        #expect(result.stderr.contains("Data quality notes: missingEvent 5."))
    }

    @Test func printsTheSummaryAsJSONForMonitoring() throws {
        let result = try run(["generate", "--json", "--incident", Fixtures.approved, "--incident", Fixtures.pending])
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["generated"] as? Int == 1)
        #expect(object["exitCode"] as? Int == 1)
        let failed = try #require(object["failed"] as? [[String: String]])
        #expect(failed.map { $0["id"] } == [Fixtures.pending])
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func twoRunsAtOnceShareTheBacklogAndWriteEachIncidentOnce() throws {
        for n in 0..<400 {
            try database.insertIncident(
                id: String(format: "e0000000-0000-4000-8000-%012d", n),
                extra: ["logs": String(repeating: "[2026-10-01 08:00:00 UTC] log line\n", count: 100)])
        }
        let runs = try [0, 1].map { _ in
            try BinaryRun.start(binary, ["generate", "--json"], environment: ["DATABASE_URL": database.url], in: folder)
        }
        let results = try runs.map { try $0.wait() }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let generated = try results.map { result -> Int in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(object["generated"] as? Int)
        }
        #expect(generated.reduce(0, +) == 404)
        #expect(try database.execute("SELECT count(*) FROM incidents WHERE post_mortem_md IS NOT NULL").first?.first == "404")
        #expect(try run(["generate"]).stderr.contains("Nothing to do"))
    }

    @Test func databaseURLFlagWinsOverTheEnvironment() throws {
        let result = try run(
            ["generate", "--dry-run", "--database-url", database.url],
            environment: ["DATABASE_URL": "postgresql://nobody:pw@127.0.0.1:1/none"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("4 rendered (dry run, nothing written)"))
        #expect(try database.postMortem(Fixtures.approved) == nil)
    }

    @Test func rendersOneIncidentToStdoutAndWritesNothing() throws {
        let before = try database.snapshot()
        let markdown = try run(["render", Fixtures.approved])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("# Post-mortem: payments-api out of memory"))
        let html = try run(["render", Fixtures.hostile, "--html"])
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.stdout.contains("<script"))
        #expect(try database.snapshot() == before)
    }

    @Test func aBrokenTemplateStopsTheRunBeforeAnyWrite() throws {
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "# {{incident.title}}\n{{#timeline}}\n".write(
            to: templates.appendingPathComponent("timeline.mustache"), atomically: true, encoding: .utf8)
        let before = try database.snapshot()
        let result = try run(["generate", "--templates", templates.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(templates.path)/timeline.mustache:2:"))
        #expect(result.stderr.contains("{{#timeline}}"))
        #expect(try database.snapshot() == before)
    }

    @Test func aCustomTemplateReplacesOneFile() throws {
        let templates = folder.appendingPathComponent("custom")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "Logs are kept in Loki.\n".write(
            to: templates.appendingPathComponent("logs.mustache"), atomically: true, encoding: .utf8)
        let result = try run(["render", Fixtures.approved, "--templates", templates.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Logs are kept in Loki."))
        #expect(result.stdout.contains("## Timeline"))
    }

    /// A new language from a copied set: documents, pages and the export index use its words,
    /// and what it does not translate comes from English.
    @Test func aLocaleFolderAddsALanguage() throws {
        let root = folder.appendingPathComponent("locales")
        let copy = try run(["templates", "init", root.appendingPathComponent("fr").path, "--locale", "es"])
        #expect(copy.status == 0, "\(copy.stderr)")
        let stringsFile = root.appendingPathComponent("fr/strings.json")
        var strings = try String(contentsOf: stringsFile, encoding: .utf8)
        #expect(strings.contains("\"notes\" : \"Notas\""))
        strings = strings.replacingOccurrences(of: "\"notes\" : \"Notas\"", with: "\"notes\" : \"Remarques\"")
            .replacingOccurrences(of: "\"title\" : \"Post-mortems\"", with: "\"title\" : \"Post-mortems (fr)\"")
        try strings.write(to: stringsFile, atomically: true, encoding: .utf8)
        try "Journaux conservés dans Loki.\n".write(
            to: root.appendingPathComponent("fr/logs.mustache"), atomically: true, encoding: .utf8)

        let check = try run(["templates", "check", root.path, "--locale", "fr"])
        #expect(check.status == 0, "\(check.stderr)")
        let render = try run(["render", Fixtures.approved, "--templates", root.path, "--locale", "fr"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("## Remarques\n"))
        #expect(render.stdout.contains("## Cronología\n"))
        #expect(render.stdout.contains("Journaux conservés dans Loki."))
        #expect(render.stdout.contains("templates custom:fr;"))
        let page = try run(["render", Fixtures.approved, "--templates", root.path, "--locale", "fr", "--html"])
        #expect(page.stdout.contains("<html lang=\"fr\""))
        #expect(page.stdout.contains("<h2 id=\"remarques\">Remarques</h2>"))

        _ = try run(["generate"])
        let export = try run(["export", "--output", "wiki", "--templates", root.path, "--locale", "fr"])
        #expect(export.status == 0, "\(export.stderr)")
        let index = try String(contentsOf: folder.appendingPathComponent("wiki/index.html"), encoding: .utf8)
        #expect(index.contains("<h1>Post-mortems (fr)</h1>"))
        #expect(index.contains("<th>Detectado</th>"))
    }

    @Test func exitCodesSayWhatHappened() throws {
        let unknown = try run(["generate", "--incident", "a0000000-0000-4000-8000-0000000000ff"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("failed  a0000000-0000-4000-8000-0000000000ff: no incident has this id"))

        let usage = try run(["generate", "--incident", "not-a-uuid"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("'not-a-uuid' is not an incident id"))

        let unreachable = try run(
            ["generate"], environment: ["DATABASE_URL": "postgresql://report:hunter2-secret@127.0.0.1:1/sentinel"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("Connecting to the database failed"))
        #expect(!unreachable.stderr.contains("hunter2-secret"))
        #expect(!unreachable.stderr.contains("postgresql://"))
    }

    @Test(arguments: [["--help"], ["generate", "--help"], ["render", "--help"], ["export", "--help"], ["templates", "--help"]])
    func helpExplainsWithExamples(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("sentinel-report"))
    }
}

/// The template tooling and the report options, through the binary (no database needed).
struct TemplateCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")

    func run(_ arguments: [String]) throws -> BinaryRun {
        try BinaryRun.run(BinaryRun.binary, arguments)
    }

    @Test func listsBothSetsAndTheTypeOverrides() throws {
        let result = try run(["templates", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("en (--locale en): templates/en/"))
        #expect(result.stdout.contains("es (--locale es): templates/es/"))
        #expect(
            result.stdout.contains("  postmortem.mustache  (the document: header, review, summary, impact, durations, timeline, metrics,"))
        #expect(
            result.stdout.contains(
                "types/connection_exhaustion.mustache  (the document for incident_type 'connection_exhaustion': header, review, connections, summary, impact"
            ))
        #expect(result.stdout.contains("  strings.json  ("))
    }

    @Test(arguments: ["en", "es"])
    func theBuiltInSetsCheckClean(locale: String) throws {
        let result = try run(["templates", "check", "--locale", locale])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("no problems"))
    }

    @Test func initWritesTheSetAndNeverOverwrites() throws {
        let first = try run(["templates", "init", folder.path, "--locale", "es"])
        #expect(first.status == 0)
        let header = try String(contentsOf: folder.appendingPathComponent("header.mustache"), encoding: .utf8)
        #expect(header.contains("| Campo | Valor |"))
        let strings = try String(contentsOf: folder.appendingPathComponent("strings.json"), encoding: .utf8)
        #expect(strings.contains("\"summary\" : \"Resumen\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("postmortem.mustache").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("types/connection_exhaustion.mustache").path))
        try "mine\n".write(to: folder.appendingPathComponent("notes.mustache"), atomically: true, encoding: .utf8)
        let second = try run(["templates", "init", folder.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("not overwriting"))
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.mustache"), encoding: .utf8) == "mine\n")
    }

    @Test func checkReportsUnknownVariablesAndSyntaxErrors() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let header = folder.appendingPathComponent("header.mustache")
        try "# {{incident.titel}}\n\n{{#timeline}}{{staus}}{{/timeline}}\n".write(to: header, atomically: true, encoding: .utf8)
        let unknown = try run(["templates", "check", folder.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("\(header.path):1:3: 'incident.titel' is not a template variable"))
        #expect(unknown.stderr.contains("\(header.path):3:14: 'staus' is not a template variable"))
        #expect(unknown.stdout.contains("2 problem(s)"))

        try "{{#timeline}}\n".write(to: header, atomically: true, encoding: .utf8)
        let broken = try run(["templates", "check", folder.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("\(header.path):1:1: "))
    }

    @Test(arguments: [
        ["render", "a0000000-0000-4000-8000-000000000001", "--locale", "fr"],
        ["render", "a0000000-0000-4000-8000-000000000001", "--incident-url", "https://x/incidents"],
        ["render", "a0000000-0000-4000-8000-000000000001", "--incident-url", "javascript:alert(1)//{id}"],
        ["generate", "--log-lines", "-1"],
        ["generate", "--since", "2026-02-31"], ["export", "--output", "x", "--until", "2026-13-01"],
        ["generate", "--since", "2026-11-02", "--until", "2026-11-01"],
    ])
    func rejectsBadReportOptionsAsUsageErrors(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }
}
