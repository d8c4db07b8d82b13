import Foundation
import Templates
import Testing
import TestSupport

/// The team's real install: Sentinel's schema v2 (row-level security with the dashboard's
/// policy only, the trigger that moves updated_at) and the role `db/least-privilege.sql` makes,
/// exactly as shipped. Through the built binary.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct RealInstallTests {
    let database: TestDatabase
    let binary: URL
    /// Resolved a minute ago: still settling.
    static let fresh = "c0000000-0000-4000-8000-000000000001"

    init() throws {
        database = try TestDatabase()
        try database.applySchemaV2()
        try Fixtures.load(into: database)
        try database.runFile("db/least-privilege.sql")
        binary = try BinaryRun.isolatedBinary.get()
    }

    func run(_ arguments: [String], as role: String = "sentinel_report") throws -> BinaryRun {
        try BinaryRun.run(binary, arguments, environment: ["DATABASE_URL": database.url(as: role)])
    }

    func json(_ result: BinaryRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func theLeastPrivilegedRoleWritesEveryDuePostMortemUnderRowLevelSecurity() throws {
        // The role sees nothing without its policies: the script is what makes this work.
        let result = try run(["generate", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try json(result)["generated"] as? Int == 4)
        let written = try database.execute(
            "SELECT count(*) FROM incidents WHERE status = 'resolved' AND post_mortem_md LIKE '<!-- sentinel-report document; %'")
        #expect(written.first?.first == "4")
        #expect(try run(["generate"]).stderr.contains("Nothing to do"))
        let export = try run([
            "export", "--output",
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "v2-\(UUID().uuidString)"
            ).path,
        ])
        #expect(export.status == 0, "\(export.stderr)")

        // Its update policy covers resolved incidents only.
        let other = try BinaryRun.run(
            URL(fileURLWithPath: "/usr/bin/psql"),
            [database.url(as: "sentinel_report"), "-c", "UPDATE incidents SET post_mortem_md = 'x' WHERE status <> 'resolved'"])
        #expect(other.stdout.contains("UPDATE 0"), "\(other.stdout)\(other.stderr)")
    }

    @Test func theScriptIsSafeToRunAgainAndTakesBackTheUpdatedAtGrant() throws {
        // What earlier versions of the script granted.
        try database.execute("GRANT UPDATE (updated_at) ON incidents TO sentinel_report")
        try database.runFile("db/least-privilege.sql")
        try database.runFile("db/least-privilege.sql")
        let privileges = try database.execute(
            """
            SELECT has_column_privilege('sentinel_report', 'incidents', 'updated_at', 'UPDATE'),
                   has_column_privilege('sentinel_report', 'incidents', 'post_mortem_md', 'UPDATE'),
                   (SELECT count(*) FROM pg_policy WHERE polname LIKE 'sentinel_report%')
            """)
        #expect(privileges.first == ["f", "t", "3"])
    }

    @Test func aRoleThatRowLevelSecurityHidesEverythingFromStopsLoudly() throws {
        let role = "sentinel_report_no_policy"
        try database.createRole(role)
        try database.execute("GRANT SELECT ON incidents, incident_events TO \(role)")
        try database.execute("GRANT UPDATE (post_mortem_md, post_mortem_updated_at) ON incidents TO \(role)")

        for arguments in [
            ["generate"], ["generate", "--dry-run"], ["render", Fixtures.approved],
            ["export", "--output", "/tmp/unused-\(UUID().uuidString)"],
        ] {
            let result = try run(arguments, as: role)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Row-level security is enabled on table incidents"), "\(arguments)")
            #expect(result.stderr.contains("'\(role)'"), "\(arguments)")
            #expect(result.stderr.contains("db/least-privilege.sql"), "\(arguments)")
            #expect(!result.stderr.contains("Nothing to do"), "\(arguments)")
        }
        // An incident that exists is hidden, not missing.
        let one = try run(["generate", "--incident", Fixtures.approved], as: role)
        #expect(one.status == 2)
        #expect(one.stderr.contains("the requested incident (\(Fixtures.approved)) is hidden from it"))
        #expect(!one.stderr.contains("no incident has this id"))
        #expect(try database.postMortem(Fixtures.approved) == nil)
    }

    @Test func aRoleThatMayReadButNotUpdateIsToldBeforeAnyWrite() throws {
        let role = "sentinel_report_read_only"
        try database.createRole(role)
        try database.execute("GRANT SELECT ON incidents, incident_events TO \(role)")
        try database.execute("GRANT UPDATE (post_mortem_md, post_mortem_updated_at) ON incidents TO \(role)")
        try database.execute("CREATE POLICY read_only ON incidents FOR SELECT TO \(role) USING (severity <> 'low')")

        let generate = try run(["generate"], as: role)
        #expect(generate.status == 2)
        #expect(generate.stderr.contains("no policy lets it update (UPDATE) any row of incidents"))
        #expect(generate.stderr.contains("--dry-run"))
        #expect(try run(["generate", "--dry-run"], as: role).status == 0)
        // Its policy filters rows: an id it cannot find may exist.
        let unknown = try run(["render", "c0000000-0000-4000-8000-0000000000ff"], as: role)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("is visible to the database role '\(role)'"))
        #expect(unknown.stderr.contains("may exist and be hidden"))
    }

    @Test func anIncidentResolvedAMinuteAgoIsLeftForALaterRunUnlessAskedFor() throws {
        try database.execute(
            """
            INSERT INTO incidents (id, title, target, severity, status, created_at, resolved_at)
            VALUES ($1, 'just resolved', 'api', 'high', 'resolved', now() - interval '9 minutes', now() - interval '1 minute')
            """, [Self.fresh])
        let batch = try run(["generate", "--json"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try json(batch)["settling"] as? Int == 1)
        #expect(batch.stderr.contains("1 left for a later run: resolved less than 15m 00s ago"))
        #expect(try database.postMortem(Self.fresh) == nil)
        // Nothing else due: still says what it left.
        let again = try run(["generate"])
        #expect(again.stderr.contains("Nothing to do: every settled resolved incident's post-mortem is up to date"))
        #expect(again.stderr.contains("1 left for a later run"))

        let asked = try run(["generate", "--incident", Self.fresh])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stderr.contains("note    \(Self.fresh): resolved 1m"))
        #expect(asked.stderr.contains("Sentinel's own post-mortem writer may still replace this text"))
        #expect(try database.postMortem(Self.fresh)?.hasPrefix("<!-- sentinel-report document; ") == true)

        try database.execute("UPDATE incidents SET title = 'just resolved, retitled' WHERE id = $1", [Self.fresh])
        let unsettled = try run(["generate", "--settle", "0", "--json"])
        #expect(try json(unsettled)["generated"] as? Int == 1)
        #expect(try json(unsettled)["settling"] as? Int == 0)
    }

    @Test func aMegabyteLogLineAndLongOutputStillMakeADocumentTheDashboardCanSave() throws {
        let huge = "c0000000-0000-4000-8000-000000000002"
        let item = #"{"ts":"2026-10-01T07:59:58Z","level":"error","msg":"upstream timed out","route":"/pay","ms":30001},"#
        let line = "[2026-10-01 07:59:58 UTC] [" + String(repeating: item, count: 1_048_576 / item.utf8.count) + "]"
        let output = (0..<5_000).map { "restart attempt \($0): waiting for payments-api to stop ```" }.joined(separator: "\n")
        try database.insertIncident(
            id: huge, title: "structured logs", extra: ["logs": line, "action_result": String(output.prefix(300_000))])
        let result = try run(["generate", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try json(result)["shortened"] as? Int == 1)
        #expect(result.stderr.contains("Shortened to stay under 60000 characters: 1 (commandOutput 1, logLines 1)."))
        // Counted as the dashboard counts: characters (code points), in the database.
        let length = try database.execute("SELECT char_length(post_mortem_md) FROM incidents WHERE id = $1", [huge])
        #expect(Int(length.first?.first.flatMap { $0 } ?? "") ?? .max <= 60_000)
        let document = try #require(try database.postMortem(huge))
        // Parsed as markdown, every section is a heading of its own: no fence or table left open swallowed one.
        let html = HTMLRenderer.fragment(fromMarkdown: document)
        let headings = html.components(separatedBy: "<h2>").dropFirst().compactMap { $0.components(separatedBy: "</h2>").first }
        #expect(
            headings == [
                "Review", "Summary", "Impact and detection", "Key durations", "Timeline", "Metrics at detection", "Root cause and analysis",
                "Corrective action and approval", "Recurrence", "Logs", "Action items", "Lessons learned",
                "Notes", "Data quality notes",
            ])
        #expect(document.contains("`sentinel-report render \(huge) --max-chars 0`"))
        // The last section's text is a paragraph, not code: every fence before it closed.
        #expect(html.contains("<h2>Data quality notes</h2>\n<p>"))

        let whole = try run(["render", huge, "--max-chars", "0"])
        #expect(whole.stdout.contains(String(line.suffix(2_000))))
        #expect(try run(["generate"]).stderr.contains("Nothing to do"))
    }

    @Test func noStrayServerMessagesOnStderr() throws {
        // The look-up of an id nobody claimed used to open a transaction inside an open one.
        // At debug level, where the server's notices are logged.
        let missing = try run(["generate", "--incident", "c0000000-0000-4000-8000-0000000000ff", "--log-level", "debug"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no incident has this id"))
        #expect(!missing.stderr.contains("WARNING"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("already a transaction"), "\(missing.stderr)")

        // A server notice goes to the log at debug level, and nowhere else.
        try database.execute(
            """
            CREATE FUNCTION chatty() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE WARNING 'audit: post-mortem of % changed', new.id; RETURN new; END $$
            """)
        try database.execute(
            """
            CREATE TRIGGER chatty BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION chatty();
            """)
        let quiet = try run(["generate", "--incident", Fixtures.approved])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("audit:"), "\(quiet.stderr)")
        try database.execute("UPDATE incidents SET title = 'retitled' WHERE id = $1", [Fixtures.approved])
        let debug = try run(["generate", "--incident", Fixtures.approved, "--log-level", "debug"])
        #expect(debug.stderr.contains("[PostMortem] server warning: audit: post-mortem of \(Fixtures.approved) changed"), "\(debug.stderr)")
        #expect(!debug.stderr.contains("WARNING:"))
    }
}

/// Without Sentinel's v2 trigger, nothing moves updated_at: the dashboard's MTTR stays put.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct UpdatedAtTests {
    @Test func aWriteLeavesUpdatedAtAsItWas() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        try database.execute("UPDATE incidents SET updated_at = '2026-10-01 09:00:00+00'")
        let result = try BinaryRun.run(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": database.url])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try database.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE updated_at = '2026-10-01 09:00:00+00'),
                   count(*) FILTER (WHERE post_mortem_updated_at > now() - interval '1 hour')
            FROM incidents WHERE status = 'resolved'
            """)
        #expect(rows.first == ["4", "4", "4"])
    }
}
