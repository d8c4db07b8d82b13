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

    static let resolved = [Fixtures.approved, Fixtures.manual, Fixtures.foreign, Fixtures.hostile]

    @Test func writesEveryResolvedIncidentAndNothingElse() throws {
        let before = try database.snapshot()
        let summary = try generate()
        #expect(summary.generated == Self.resolved)
        #expect(summary.failed.isEmpty && summary.skipped.isEmpty && summary.conflicts.isEmpty)
        #expect(summary.exitCode == 0)
        #expect(summary.elapsedSeconds > 0)

        let after = try database.snapshot()
        for id in [Fixtures.pending, Fixtures.failed] {
            #expect(after[id] == before[id], "incident \(id) was touched")
        }
        for id in summary.generated {
            let text = try #require(try database.postMortem(id))
            #expect(text.hasPrefix("<!-- sentinel-report document; version "))
            #expect(DocumentMerge.Stored(text).isGenerated)
        }
        // updated_at is left alone: the dashboard measures MTTR up to it.
        let stamps = try database.execute(
            "SELECT count(*) FROM incidents WHERE post_mortem_updated_at > now() - interval '1 minute' AND updated_at IS NULL")
        #expect(stamps.first?.first == "4")
    }

    @Test func keepsSentinelsOwnPostMortemVerbatim() throws {
        _ = try generate()
        let text = try #require(try database.postMortem(Fixtures.foreign))
        #expect(text.contains("## Earlier post-mortem, kept as written\n"))
        #expect(text.hasSuffix("\n" + Fixtures.foreignText))
    }

    /// A post-mortem that is blank, written by a person, or generated from other inputs is due;
    /// one generated from the current inputs is not.
    @Test(arguments: [
        "", " \n\t\r\n", "Our notes.",
        "<!-- sentinel-report document; version 0.1.0; format 2; templates builtin:en; inputs 0123456789abcdef0123456789abcdef; regions header -->\n",
        "\n<!-- sentinel-report document; version 0.1.0; format 2; templates builtin:en; inputs CURRENT; regions header -->\n",
    ])
    func selectsWhatIsDue(stored: String) throws {
        _ = try generate()
        let current = try #require(try database.postMortem(Fixtures.approved))
        let inputs = try #require(current.firstRange(of: "inputs ").map { String(current[$0.upperBound...].prefix { $0 != ";" }) })
        #expect(inputs.count == 16 && inputs.allSatisfy(\.isHexDigit))
        try database.execute(
            "UPDATE incidents SET post_mortem_md = $2 WHERE id = $1",
            [Fixtures.approved, stored.replacingOccurrences(of: "CURRENT", with: inputs)])
        #expect(try generate().processed == 1)
        // Written again with the current inputs' marker first: nothing is due any more.
        #expect(try generate().processed == 0)
    }

    /// How many incidents are due now.
    func dueCount() throws -> Int {
        try IncidentStore(connectionString: database.url).count(IncidentStore.Query(kind: .due, seed: generator.seed))
    }

    /// A change to any column a document is made from makes its incident due, even a character
    /// moved from one column to the next.
    @Test(arguments: [
        "title = 'new title'", "logs = coalesce(logs, '') || 'x'", "metrics_snapshot = '{\"a\": 1}'",
        "resolved_at = resolved_at + interval '1 microsecond'", "agent_reasoning = NULL", "fingerprint = 'fp-new'",
        "approved_by = 'luis@example.com'", "title = 'a', target = 'b|c'", "title = 'a|b', target = 'c'",
    ])
    func anyChangeToItsInputsMakesItDue(change: String) throws {
        try database.execute("UPDATE incidents SET title = 'a|b', target = 'c' WHERE id = $1", [Fixtures.approved])
        _ = try generate()
        #expect(try dueCount() == 0)
        try database.execute("UPDATE incidents SET \(change) WHERE id = $1", [Fixtures.approved])
        #expect(try dueCount() == (change == "title = 'a|b', target = 'c'" ? 0 : 1))
    }

    /// A new timeline event makes an incident due, and so does a save of its post-mortem by
    /// someone else (`post_mortem_updated_at` moved); `updated_at` alone does not.
    @Test func eventsAndOtherSavesCountAndUpdatedAtDoesNot() throws {
        _ = try generate()
        try database.execute("UPDATE incidents SET updated_at = now() + interval '1 day' WHERE id = $1", [Fixtures.approved])
        #expect(try dueCount() == 0)
        try database.execute(
            "UPDATE incidents SET post_mortem_updated_at = post_mortem_updated_at + interval '1 microsecond' WHERE id = $1",
            [Fixtures.approved])
        #expect(try dueCount() == 1)
        _ = try generate()
        #expect(try dueCount() == 0)
        try database.insertEvents(Fixtures.approved, [("verifying", "2026-10-01 09:00:00+00")])
        #expect(try dueCount() == 1)
    }

    /// Whatever the database's own TimeZone and DateStyle, a run's hashes and dates compare
    /// the same way in the count and in every batch, so a second run finds nothing due.
    @Test func hashesDoNotDependOnTheSessionsTimeZone() throws {
        try database.execute(
            """
            DO $$ BEGIN
                EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'Pacific/Chatham');
                EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY');
            END $$
            """)
        #expect(try generate().generated == Self.resolved)
        let store = try IncidentStore(connectionString: database.url)
        #expect(try store.count(IncidentStore.Query(kind: .due, seed: generator.seed)) == 0)
        #expect(try generate().processed == 0)
    }

    @Test func aSecondRunWritesNothing() throws {
        _ = try generate()
        let before = try database.snapshot()
        let summary = try generate()
        #expect(summary.processed == 0)
        #expect(summary.text.hasPrefix("Nothing to do: every resolved incident's post-mortem is up to date"))
        #expect(try database.snapshot() == before)
        // --force renders everything again and still writes nothing: the text would not change.
        let forced = try generate { $0.force = true }
        #expect(forced.unchanged == Self.resolved)
        #expect(try database.snapshot() == before)
    }

    /// Any change to a column the document is made from, or to an event, makes the incident due
    /// again; a change to `updated_at` alone does not.
    @Test(arguments: [
        ("UPDATE incidents SET logs = logs || 'x' WHERE id = $1", 1),
        ("UPDATE incidents SET logs = NULL WHERE id = $1", 1),
        ("UPDATE incidents SET action_error = '' WHERE id = $1 AND action_error IS NULL", 1),
        ("UPDATE incidents SET title = target, target = title WHERE id = $1", 1),
        ("UPDATE incidents SET metrics_snapshot = '{\"a\": 1}' WHERE id = $1", 1),
        ("UPDATE incident_events SET created_at = created_at + interval '1 second' WHERE incident_id = $1 AND status = 'resolved'", 1),
        ("UPDATE incidents SET updated_at = now() WHERE id = $1", 0),
    ])
    func anInputChangeMakesTheIncidentDue(change: String, due: Int) throws {
        _ = try generate()
        try database.execute(change, [Fixtures.approved])
        let summary = try generate()
        #expect(summary.processed == due)
        #expect(try generate().processed == 0)
    }

    @Test func regeneratesWhenTheFactsChangeAndKeepsEveryEdit() throws {
        _ = try generate()
        let original = try #require(try database.postMortem(Fixtures.approved))
        // A person edits the summary, adds a note at the end and deletes the notes section.
        var edited = original.replacingOccurrences(
            of: "It ended when the corrective action", with: "After a long night, it ended when the corrective action")
        edited += "\nFollow-up: INC-42 tracks the cache fix.\n"
        let notes = try #require(edited.range(of: "<!-- sentinel-report begin notes "))
        let notesEnd = try #require(edited.range(of: "<!-- sentinel-report end notes -->\n"))
        edited.removeSubrange(notes.lowerBound..<notesEnd.upperBound)
        try database.execute("UPDATE incidents SET post_mortem_md = $2 WHERE id = $1", [Fixtures.approved, edited])

        // The facts change: the approver, and a new timeline event.
        try database.execute("UPDATE incidents SET approved_by = 'luis@example.com' WHERE id = $1", [Fixtures.approved])
        let summary = try generate()
        #expect(summary.generated == [Fixtures.approved])
        #expect(summary.conflicts == [])  // the summary's generated text did not change

        let text = try #require(try database.postMortem(Fixtures.approved))
        #expect(text.contains("After a long night, it ended when the corrective action"))
        #expect(text.hasSuffix("\nFollow-up: INC-42 tracks the cache fix.\n"))
        #expect(text.contains("by the approver luis@example.com"))
        #expect(!text.contains("ana@example.com"))
        #expect(!text.contains("## Notes"))
    }

    @Test func reportsAConflictWhenAnEditedSectionsFactsChange() throws {
        _ = try generate()
        let original = try #require(try database.postMortem(Fixtures.approved))
        let edited = original.replacingOccurrences(of: "| Severity | high |", with: "| Severity | high (downgraded later) |")
        try database.execute("UPDATE incidents SET post_mortem_md = $2 WHERE id = $1", [Fixtures.approved, edited])
        try database.execute("UPDATE incidents SET severity = 'critical' WHERE id = $1", [Fixtures.approved])

        let summary = try generate()
        #expect(summary.conflicts == [RunSummary.Conflict(id: Fixtures.approved, region: "header")])
        #expect(summary.text.contains("conflict \(Fixtures.approved): section 'header'"))
        let text = try #require(try database.postMortem(Fixtures.approved))
        #expect(text.contains("| Severity | high (downgraded later) |"))
        #expect(summary.exitCode == 0)
    }

    @Test func aDryRunWritesNothingToTheDatabase() throws {
        let before = try database.snapshot()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dry-\(UUID().uuidString)")
        let summary = try generate {
            $0.dryRun = true
            $0.outputDirectory = output
        }
        #expect(summary.generated.count == 4)
        #expect(summary.text.contains("dry run, nothing written"))
        #expect(try database.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).count == 4)
    }

    @Test func renderWritesNothing() throws {
        let before = try database.snapshot()
        let (incident, document) = try generator.render(id: IncidentID(Fixtures.pending))
        #expect(incident.status == "awaiting_approval")
        #expect(document.contains("# Post-mortem: inventory waiting"))
        #expect(try database.snapshot() == before)
    }

    @Test func reportsUnknownAndUnresolvedIncidentsAsFailures() throws {
        let unknown = "a0000000-0000-4000-8000-0000000000ff"
        let ids = try [Fixtures.pending, unknown, Fixtures.approved].map(IncidentID.init)
        let summary = try generate { $0.incidentIDs = ids }
        #expect(summary.generated == [Fixtures.approved])
        #expect(summary.failed.map(\.id) == [Fixtures.pending, unknown])
        #expect(summary.failed[0].reason.contains("awaiting_approval"))
        #expect(summary.failed[1].reason == "no incident has this id")
        #expect(summary.exitCode == 1)
        #expect(try database.postMortem(Fixtures.pending) == nil)
    }

    /// Sentinel's backend saves its own post-mortem up to minutes after a resolution, without
    /// looking at what is stored: mid-run, it overwrites a document the run has just written.
    /// Nothing is lost: the next run writes one document holding both texts.
    @Test func aBackendWriterOverwritingMidRunLosesNothing() throws {
        for n in 10..<30 {
            try database.insertIncident(id: "c0000000-0000-4000-8000-0000000000\(n)")
        }
        let backend = try TestDatabase.Connection(url: database.url)
        let llm = "# Post-Mortem: test incident\n\n## Resumen\nTexto del LLM, guardado sin mirar lo que había.\n"
        var overwritten: String?
        var options = GenerateOptions()
        options.batchSize = 2
        let summary = try generator.generate(options) { progress in
            guard overwritten == nil, progress.done >= 8 else { return }
            // A document this run wrote and committed, as the backend would find it.
            overwritten =
                try? backend.execute(
                    "SELECT id::text FROM incidents WHERE post_mortem_md LIKE '<!-- sentinel-report document;%' ORDER BY id LIMIT 1"
                ).first?.first ?? nil
            if let overwritten {
                _ = try? backend.execute(
                    "UPDATE incidents SET post_mortem_md = $2, post_mortem_updated_at = now() WHERE id = $1", [overwritten, llm])
            }
        }
        #expect(summary.generated.count == 24)
        #expect(summary.failed.isEmpty)
        let id = try #require(overwritten)
        #expect(try database.postMortem(id) == llm)

        let next = try generate()
        #expect(next.generated == [id])
        let document = try #require(try database.postMortem(id))
        #expect(document.hasPrefix("<!-- sentinel-report document; "))
        #expect(document.components(separatedBy: "<!-- sentinel-report document; ").count == 2)
        #expect(document.contains("## Summary"))
        #expect(document.hasSuffix(llm))
        #expect(try generate().processed == 0)
    }

    @Test func readsEveryBatchAndHonoursTheLimit() throws {
        for n in 10..<25 {
            try database.insertIncident(id: "c0000000-0000-4000-8000-0000000000\(n)")
        }
        let limited = try generate {
            $0.batchSize = 4
            $0.limit = 6
        }
        #expect(limited.generated.count == 6)
        let rest = try generate { $0.batchSize = 4 }
        #expect(rest.generated.count == 13)
        #expect(Set(limited.generated).isDisjoint(with: rest.generated))
    }

    /// The two connections' turns end cleanly whether the last batch is full, partial or empty,
    /// and with a limit that falls anywhere in a batch: every incident once, none twice.
    @Test(arguments: [(0, nil), (2, nil), (5, nil), (8, nil), (8, 5), (8, 6), (8, 7), (8, 12), (8, 0)] as [(Int, Int?)])
    func everyIncidentOnceWhateverTheBatchBoundaries(extra: Int, limit: Int?) throws {
        for n in 0..<extra {
            try database.insertIncident(id: "c0000000-0000-4000-8000-0000000000\(10 + n)")
        }
        let resolved = Self.resolved.count + extra
        let summary = try generate {
            $0.batchSize = 3
            $0.limit = limit
        }
        let expected = min(resolved, limit ?? resolved)
        #expect(summary.generated.count == expected)
        #expect(Set(summary.generated).count == expected)
        #expect(summary.failed.isEmpty && summary.skipped.isEmpty)
        let written = try database.execute(
            "SELECT count(*) FROM incidents WHERE post_mortem_md LIKE '<!-- sentinel-report document; %'"
        ).first?.first
        #expect(written == String(expected))
        let rest = try generate { $0.batchSize = 3 }
        #expect(rest.generated.count == resolved - expected)
    }

    /// Past the first batches each connection lists look-alikes from its own table; the documents
    /// say what rendering each incident alone (which joins pairs) says.
    @Test func documentsListTheSameLookAlikesFromTheTable() throws {
        for n in 10..<30 {
            try database.insertIncident(
                id: "c0000000-0000-4000-8000-0000000000\(n)", title: "look-alike \(n)",
                createdAt: "2026-09-\(n) 08:00:00+00", resolvedAt: "2026-09-\(n) 09:00:00+00",
                extra: ["fingerprint": "fp-\(n % 3)", "incident_type": n % 2 == 0 ? "oom" : nil])
        }
        let summary = try generate { $0.batchSize = 2 }
        #expect(summary.generated.count == 24)
        #expect(summary.generated.count > 2 * PostMortemGenerator.batchesBeforeLookalikes)
        for id in summary.generated {
            let stored = try #require(try database.postMortem(id))
            #expect(try generator.render(id: IncidentID(id)).document == stored)
        }
        let last = try #require(try database.postMortem("c0000000-0000-4000-8000-000000000029"))
        #expect(last.contains("6 earlier incidents with the same fingerprint, or the same target and incident type, were detected"))
        #expect(last.contains("look-alike 26") && !last.contains("look-alike 28"))
    }

    @Test func selectsByResolutionDay() throws {
        try database.insertIncident(id: "c0000000-0000-4000-8000-000000000001", resolvedAt: "2026-09-30 23:59:59+00")
        try database.insertIncident(id: "c0000000-0000-4000-8000-000000000002", resolvedAt: "2026-10-02 00:00:00+00")
        let summary = try generate {
            $0.since = Day("2026-10-01")
            $0.until = Day("2026-10-01")
        }
        #expect(summary.generated == Self.resolved)
    }

    @Test func oneRejectedWriteDoesNotStopTheRun() throws {
        try database.execute(
            """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = '\(Fixtures.manual)' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$
            """)
        try database.execute("CREATE TRIGGER refuse BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION refuse()")
        let summary = try generate()
        #expect(summary.generated == [Fixtures.approved, Fixtures.foreign, Fixtures.hostile])
        #expect(summary.failed.map(\.id) == [Fixtures.manual])
        #expect(summary.failed.first?.reason.contains("refused by a trigger") == true)
        #expect(try database.postMortem(Fixtures.approved) != nil)
    }

    @Test func writesMarkdownAndSafeHTMLFiles() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let hostile = try IncidentID(Fixtures.hostile)
        _ = try generate {
            $0.outputDirectory = output
            $0.html = true
            $0.incidentIDs = [hostile]
        }
        let base = output.appendingPathComponent("2026-10-01-script-alert-1-script-api-down-a0000000")
        let markdown = try String(contentsOf: base.appendingPathExtension("md"), encoding: .utf8)
        let html = try String(contentsOf: base.appendingPathExtension("html"), encoding: .utf8)
        #expect(markdown == (try database.postMortem(Fixtures.hostile)))
        #expect(html.contains("<table>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<!--"))  // the region markers stay out of the page
    }
}
