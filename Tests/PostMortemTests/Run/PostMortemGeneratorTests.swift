import Foundation
import Testing
import TestSupport
@testable import PostMortem
@testable import Templates

@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct PostMortemGeneratorTests {
    let database: TestDatabase
    let generator: PostMortemGenerator

    init() throws {
        database = try TestDatabase()
        try Fixtures.load(into: database)
        generator = PostMortemGenerator(templates: try TemplateSet.load(), connectionString: database.url)
    }

    func generate(_ configure: (inout GenerateOptions) -> Void = { _ in }) throws -> RunSummary {
        var options = GenerateOptions()
        configure(&options)
        return try generator.generate(options)
    }

    @Test func writesExactlyTheResolvedIncidentsWithoutAPostMortem() throws {
        let before = try database.snapshot()
        let summary = try generate()
        #expect(summary.generated == [Fixtures.approved, Fixtures.manual, Fixtures.hostile])
        #expect(summary.failed.isEmpty && summary.skipped.isEmpty)
        #expect(summary.exitCode == 0)

        let after = try database.snapshot()
        for id in [Fixtures.foreign, Fixtures.pending, Fixtures.failed] {
            #expect(after[id] == before[id], "incident \(id) was touched")
        }
        for id in summary.generated {
            let text = try #require(try database.postMortem(id))
            guard case .generated = GeneratedMarker.origin(of: text) else {
                Issue.record("\(id) was not marked as generated")
                continue
            }
        }
        let stamps = try database.execute(
            "SELECT count(*) FROM incidents WHERE post_mortem_updated_at > now() - interval '1 minute' AND updated_at = post_mortem_updated_at")
        #expect(stamps.first?.first == "3")
    }

    @Test func aSecondRunWritesNothing() throws {
        _ = try generate()
        let before = try database.snapshot()
        let summary = try generate()
        #expect(summary.generated.isEmpty && summary.unchanged.isEmpty)
        #expect(summary.text == "Nothing to do: no resolved incident needs a post-mortem.\n")
        #expect(try database.snapshot() == before)
    }

    @Test func aDryRunWritesNothingToTheDatabase() throws {
        let before = try database.snapshot()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dry-\(UUID().uuidString)")
        let summary = try generate {
            $0.dryRun = true
            $0.outputDirectory = output
        }
        #expect(summary.generated.count == 3)
        #expect(summary.text.contains("dry run, nothing written"))
        #expect(try database.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).count == 3)
    }

    @Test func renderWritesNothing() throws {
        let before = try database.snapshot()
        let (incident, document) = try generator.render(id: Fixtures.pending)
        #expect(incident.status == "awaiting_approval")
        #expect(document.contains("# Post-mortem: inventory waiting"))
        #expect(try database.snapshot() == before)
    }

    @Test func forceNeverOverwritesAForeignOrEditedPostMortem() throws {
        _ = try generate()
        let edited = try #require(try database.postMortem(Fixtures.manual)) + "\nNote from the on-call engineer.\n"
        try database.execute("UPDATE incidents SET post_mortem_md = $2 WHERE id = $1", [Fixtures.manual, edited])
        // New facts for an unedited generated document: it is regenerated.
        try database.execute("UPDATE incidents SET approved_by = 'luis@example.com' WHERE id = $1", [Fixtures.approved])

        let summary = try generate { $0.force = true }
        #expect(summary.generated == [Fixtures.approved])
        #expect(summary.unchanged == [Fixtures.hostile])
        #expect(summary.skipped.map(\.id) == [Fixtures.manual, Fixtures.foreign])
        #expect(try database.postMortem(Fixtures.foreign) == Fixtures.foreignText)
        #expect(try database.postMortem(Fixtures.manual) == edited)
        #expect(try database.postMortem(Fixtures.approved)?.contains("luis@example.com") == true)
    }

    @Test func reportsUnknownAndUnresolvedIncidentsAsFailures() throws {
        let unknown = "a0000000-0000-4000-8000-0000000000ff"
        let summary = try generate { $0.incidentIDs = [Fixtures.pending, unknown, Fixtures.approved] }
        #expect(summary.generated == [Fixtures.approved])
        #expect(summary.failed.map(\.id) == [unknown, Fixtures.pending])
        #expect(summary.failed[0].reason == "no incident has this id")
        #expect(summary.failed[1].reason.contains("awaiting_approval"))
        #expect(summary.exitCode == 1)
        #expect(try database.postMortem(Fixtures.pending) == nil)
    }

    @Test func readsEveryBatch() throws {
        for n in 10..<25 {
            try database.insertIncident(id: "c0000000-0000-4000-8000-0000000000\(n)")
        }
        let summary = try generate { $0.batchSize = 4 }
        #expect(summary.generated.count == 18)
        #expect(Set(summary.generated).count == 18)
    }

    @Test func oneRejectedWriteDoesNotStopTheRun() throws {
        try database.execute("""
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = '\(Fixtures.manual)' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$
            """)
        try database.execute("CREATE TRIGGER refuse BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION refuse()")
        let summary = try generate()
        #expect(summary.generated == [Fixtures.approved, Fixtures.hostile])
        #expect(summary.failed.map(\.id) == [Fixtures.manual])
        #expect(summary.failed.first?.reason.contains("refused by a trigger") == true)
    }

    @Test func writesMarkdownAndSafeHTMLFiles() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        _ = try generate {
            $0.outputDirectory = output
            $0.html = true
            $0.incidentIDs = [Fixtures.hostile]
        }
        let base = output.appendingPathComponent("2026-10-01-script-alert-1-script-api-down-a0000000")
        let markdown = try String(contentsOf: base.appendingPathExtension("md"), encoding: .utf8)
        let html = try String(contentsOf: base.appendingPathExtension("html"), encoding: .utf8)
        #expect(markdown == (try database.postMortem(Fixtures.hostile)))
        #expect(html.contains("<table>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
