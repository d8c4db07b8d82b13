import Foundation
import Testing
import TestSupport
@testable import PostMortem

/// One batch of `query`, read in its own transaction.
func readBatch(
    _ store: IncidentStore, _ kind: IncidentStore.Query.Kind = .due, after: String? = nil, limit: Int = 100
) throws -> [Incident] {
    try store.transaction(readOnly: true) {
        try store.batch(IncidentStore.Query(kind: kind), after: after, limit: limit, lock: false)
    }
}

@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct IncidentStoreTests {
    @Test func readsIncidentsWithTheirTimelines() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let store = try IncidentStore(connectionString: database.url)
        let incidents = try readBatch(store)
        // Due: every resolved incident, the foreign post-mortem included (it gets wrapped).
        #expect(incidents.map(\.id) == [Fixtures.approved, Fixtures.manual, Fixtures.foreign, Fixtures.hostile])
        #expect(incidents.allSatisfy { $0.inputs?.count == 16 })

        let approved = try #require(incidents.first)
        #expect(
            approved.events.map(\.status)
                == ["detected", "analyzed", "awaiting_approval", "executing_solution", "verifying", "resolved"])
        #expect(approved.events[1].time.utcText == "2026-10-01 08:03:30")
        #expect(approved.createdAt.utcText == "2026-10-01 08:00:00")
        #expect(approved.executedAt?.utcText == "2026-10-01 08:21:00")
        #expect(approved.approvedBy == "ana@example.com")
        #expect(approved.metricsSnapshot?.leaves.map(\.value) == ["container", "99.20", "3"])
        #expect(incidents[1].events.isEmpty)
        #expect(incidents[1].sourceType == "manual")
    }

    @Test func pagesThroughBatchesInIdOrder() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let store = try IncidentStore(connectionString: database.url)
        let first = try readBatch(store, .all, limit: 2)
        let second = try readBatch(store, .all, after: first.last?.id, limit: 2)
        let third = try readBatch(store, .all, after: second.last?.id, limit: 2)
        #expect((first + second + third).map(\.id) == [Fixtures.approved, Fixtures.manual, Fixtures.foreign, Fixtures.hostile])
        #expect(third.isEmpty)
    }

    /// Earlier look-alikes of two incidents read in one batch: by fingerprint, or by target and
    /// incident type, within 90 days before; also on installs that lack one of those columns.
    @Test(
        arguments: [
            (nil, 7, ["earlier 7", "earlier 1", "earlier 2", "earlier 3", "earlier 4"], 2, ["earlier 11", "earlier 5"]),
            ("fingerprint", 4, ["earlier 7", "earlier 2", "earlier 4", "earlier 5"], 1, ["earlier 11"]),
            ("incident_type", 5, ["earlier 7", "earlier 1", "earlier 2", "earlier 3", "earlier 6"], 1, ["earlier 5"]),
        ] as [(String?, Int, [String], Int, [String])])
    func loadsEarlierLookAlikesPerBatch(
        droppedColumn: String?, count: Int, latest: [String], secondCount: Int, secondLatest: [String]
    ) throws {
        let database = try TestDatabase()
        let subject = "d0000000-0000-4000-8000-000000000000"
        let second = "d0000000-0000-4000-8000-000000000099"
        try database.insertIncident(
            id: subject, createdAt: "2026-10-01 08:00:00+00", extra: ["fingerprint": "fp-x", "incident_type": "oom"])
        try database.insertIncident(
            id: second, createdAt: "2026-10-01 08:00:00+00", extra: ["fingerprint": "fp-y", "incident_type": "disk"])
        // (id suffix, days before, fingerprint, target, type). The subject (fp-x, api, oom): seven
        // match, four do not; the second incident (fp-y, api, disk) matches 5 and 11.
        let others: [(Int, Double, String?, String, String?)] = [
            (1, 1, "fp-x", "other", nil), (2, 2, "fp-x", "api", "oom"), (3, 10, "fp-x", "api", nil),
            (4, 30, nil, "api", "oom"), (5, 60, "fp-y", "api", "oom"), (6, 89, "fp-x", "x", "disk"),
            (7, 0.5, "fp-x", "api", "oom"),
            (8, 91, "fp-x", "api", "oom"), (9, -1, "fp-x", "api", "oom"), (10, 3, nil, "other", "oom"),
            (11, 4, "fp-z", "api", "disk"),
        ]
        for (suffix, days, fingerprint, target, type) in others {
            try database.execute(
                """
                INSERT INTO incidents (id, title, target, severity, status, fingerprint, incident_type, created_at, resolved_at)
                VALUES ($1, $2, $3, 'low', 'resolved', $4, $5,
                        timestamptz '2026-10-01 08:00:00+00' - $6::numeric * interval '1 day',
                        timestamptz '2026-10-01 08:30:00+00' - $6::numeric * interval '1 day')
                """,
                [String(format: "d0000000-0000-4000-8000-%012d", suffix), "earlier \(suffix)", target, fingerprint, type, String(days)])
        }
        if let droppedColumn {
            try database.execute("ALTER TABLE incidents DROP COLUMN \(droppedColumn)")
        }
        let store = try IncidentStore(connectionString: database.url)
        let incidents = try store.incidents(ids: [subject, second])
        let first = try #require(incidents.first { $0.id == subject })
        #expect(first.recurrence.count == count)
        #expect(first.recurrence.latest.map(\.title) == latest)
        #expect(first.recurrence.latest.first.flatMap { past in past.resolvedAt.map { past.createdAt.duration(to: $0).text } } == "30m 00s")
        let other = try #require(incidents.first { $0.id == second })
        #expect(other.recurrence.count == secondCount)
        #expect(other.recurrence.latest.map(\.title) == secondLatest)
    }

    @Test func readsEventsFromAnOccurredAtColumn() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        try database.execute("ALTER TABLE incident_events RENAME COLUMN created_at TO occurred_at")
        let store = try IncidentStore(connectionString: database.url)
        #expect(store.schema.eventTime == "occurred_at")
        let incident = try #require(try store.incidents(ids: [Fixtures.approved]).first)
        #expect(incident.events.count == 6)
        #expect(incident.events.last?.time.utcText == "2026-10-01 08:30:00")
    }

    @Test func worksWithoutTheColumnsOfMigration0002() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        try database.execute("ALTER TABLE incidents DROP COLUMN approved_by, DROP COLUMN fingerprint")
        let store = try IncidentStore(connectionString: database.url)
        let incident = try #require(try store.incidents(ids: [Fixtures.approved]).first)
        #expect(incident.approvedBy == nil)
        #expect(incident.title == "payments-api out of memory")
    }

    @Test func refusesADatabaseThatIsNotSentinels() throws {
        let database = try TestDatabase()
        try database.execute("DROP TABLE incident_events")
        #expect {
            try IncidentStore(connectionString: database.url)
        } throws: { error in
            let error = error as? PostgresError
            return error?.kind == .schema && error?.description.contains("incident_events") == true
        }
    }

    @Test func writesOnlyWhatWasRead() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let store = try IncidentStore(connectionString: database.url)
        // Someone edits the row after the tool read it.
        try database.execute("UPDATE incidents SET post_mortem_md = 'typed by a person' WHERE id = $1", [Fixtures.manual])
        try store.begin(readOnly: false)
        let outcomes = try store.writePostMortems([
            .init(id: Fixtures.manual, text: "generated", expected: nil),
            .init(id: Fixtures.approved, text: "generated", expected: nil),
        ])
        guard outcomes.count == 2, case .conflict = outcomes[0], case .written = outcomes[1] else {
            Issue.record("a changed row was overwritten, or a write failed: \(outcomes)")
            return
        }
        #expect(try database.postMortem(Fixtures.manual) == "typed by a person")
        try store.commit()
        let row = try database.execute(
            "SELECT post_mortem_md, post_mortem_updated_at IS NOT NULL, updated_at IS NOT NULL FROM incidents WHERE id = $1",
            [Fixtures.approved])
        #expect(row.first == ["generated", "t", "f"])
    }

    /// Writes go out in one pipeline; a refused row is undone alone, and every outcome stays
    /// with its own row, whether the refusals come first, between others or last.
    ///
    /// Also with a prepared statement named so that SQL cannot deallocate it (upper-case letters),
    /// as when a pooler renames named statements: the writes fall back to one unnamed statement
    /// per row, with the same outcomes.
    @Test(arguments: [[0], [1, 2], [3], [0, 3], []], ["sentinel_report_write_", "Sentinel_Report_Write_"])
    func aRefusedWriteInAPipelineLeavesTheOthers(refused: [Int], prefix: String) throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let ids = [Fixtures.approved, Fixtures.manual, Fixtures.foreign, Fixtures.hostile]
        let refusedIDs = refused.map { "'\(ids[$0])'" }.joined(separator: ", ")
        // Each update also records how many prepared statements its session holds: exactly the
        // one of its round trip, none left from an earlier one (or, falling back, the first
        // round trip's, which SQL could not deallocate, while rows are written without one).
        try database.execute("CREATE TABLE prepared_seen (n bigint)")
        try database.execute(
            """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO prepared_seen SELECT count(*) FROM pg_prepared_statements;
                IF NEW.id = ANY(ARRAY[\(refusedIDs)]::uuid[]) THEN RAISE EXCEPTION 'refused %', NEW.id; END IF;
                RETURN NEW;
            END $$
            """)
        try database.execute("CREATE TRIGGER refuse BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION refuse()")
        let expected = try ids.map { try database.postMortem($0) }
        let store = try IncidentStore(connectionString: database.url)
        store.writeStatementPrefix = prefix
        try store.begin(readOnly: false)
        let outcomes = try store.writePostMortems(
            ids.enumerated().map { .init(id: $0.element, text: "generated \($0.offset)", expected: expected[$0.offset]) })
        try store.commit()
        #expect(store.preparesWrites == (prefix == "sentinel_report_write_"))
        #expect(try database.execute("SELECT DISTINCT n::text FROM prepared_seen") == [["1"]])
        #expect(outcomes.count == ids.count)
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .written:
                #expect(!refused.contains(index))
                #expect(try database.postMortem(ids[index]) == "generated \(index)")
            case .rejected(let error):
                #expect(refused.contains(index))
                #expect(error.description.contains(ids[index]))
                #expect(error.description.contains("refused \(ids[index])"))
                #expect(try database.postMortem(ids[index]) == expected[index])
            case .conflict:
                Issue.record("unexpected conflict for row \(index)")
            }
        }
    }

    @Test func neverWritesAnIncidentThatIsNotResolved() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let store = try IncidentStore(connectionString: database.url)
        try store.begin(readOnly: false)
        defer { try? store.commit() }
        guard case .conflict = try store.writePostMortems([.init(id: Fixtures.pending, text: "x", expected: nil)]).first else {
            Issue.record("an unresolved incident was written")
            return
        }
        #expect(try database.postMortem(Fixtures.pending) == nil)
    }

    @Test func bindsHostileValuesAsParameters() throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        let store = try IncidentStore(connectionString: database.url)
        let text = "'); DROP TABLE incidents; -- $1 \\ \u{1F525}"
        try store.begin(readOnly: false)
        guard case .written = try store.writePostMortems([.init(id: Fixtures.approved, text: text, expected: nil)]).first else {
            Issue.record("write failed")
            return
        }
        try store.commit()
        #expect(try database.postMortem(Fixtures.approved) == text)
    }

    @Test func setsTimeoutsUTCAndNoJITForEveryBatch() throws {
        let database = try TestDatabase()
        let store = try IncidentStore(connectionString: database.url)
        try store.begin(readOnly: true)
        defer { store.rollback() }
        // The settings are transaction-local: read them through the store's own connection.
        let rows = try store.settings([
            "TimeZone", "DateStyle", "jit", "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout",
        ])
        #expect(rows == ["UTC", "ISO, YMD", "off", "2min", "10s", "10min"])
    }

    /// Documents are written with lz4 (this server has it), unless the column names its own
    /// compression; a read-only transaction leaves the setting alone.
    @Test(arguments: [(nil, "lz4"), ("pglz", "pglz")] as [(String?, String)])
    func compressesWrittenDocumentsWithLZ4(columnCompression: String?, expected: String) throws {
        let database = try TestDatabase()
        try Fixtures.load(into: database)
        if let columnCompression {
            try database.execute("ALTER TABLE incidents ALTER COLUMN post_mortem_md SET COMPRESSION \(columnCompression)")
        }
        let store = try IncidentStore(connectionString: database.url)
        try store.begin(readOnly: true)
        #expect(try store.settings(["default_toast_compression"]) == ["pglz"])
        store.rollback()
        try store.begin(readOnly: false)
        // Long and repetitive enough to be compressed at all.
        let text = String(repeating: "| 2026-10-01 08:00:00 | detected | — |\n", count: 400)
        _ = try store.writePostMortems([.init(id: Fixtures.approved, text: text, expected: nil)])
        try store.commit()
        let rows = try database.execute("SELECT pg_column_compression(post_mortem_md) FROM incidents WHERE id = $1", [Fixtures.approved])
        #expect(rows.first == [expected])
        #expect(try database.postMortem(Fixtures.approved) == text)
    }

    @Test func pinsTheSessionToUTF8() throws {
        let database = try TestDatabase()
        let connection = try PostgresConnection(connectionString: database.url + "?client_encoding=LATIN1")
        let rows = try connection.query("SHOW client_encoding", action: "test").rows
        #expect(rows.first?.first == "UTF8")
    }
}

@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct PostgresErrorTests {
    @Test(arguments: [
        "postgresql://report:s3cr3t-pw@127.0.0.1:1/sentinel",
        "host=127.0.0.1 port=1 user=report password=s3cr3t-pw dbname=sentinel",
        "postgresql://report:s3cr3t-pw@127.0.0.1:1/sentinel?sslmode=bogus",
        "host=127.0.0.1 password='s3cr3t-pw' port='unterminated",
    ])
    func neverShowsThePasswordOrTheConnectionString(url: String) {
        do {
            _ = try PostgresConnection(connectionString: url)
            Issue.record("connected to a closed port")
        } catch {
            #expect(!error.description.contains("s3cr3t-pw"))
            #expect(!error.description.contains(url))
            #expect(error.kind == .connectionFailed || error.kind == .invalidConnectionString)
            #expect(error.description.contains("Check"))
        }
    }

    @Test func carriesTheServersDiagnostics() throws {
        let database = try TestDatabase()
        let connection = try PostgresConnection(connectionString: database.url)
        do {
            _ = try connection.query("SELECT * FROM no_such_table", action: "Reading a missing table")
            Issue.record("query succeeded")
        } catch {
            #expect(error.sqlState == .undefinedTable)
            #expect(error.kind == .statement)
            #expect(error.description.hasPrefix("Reading a missing table failed: relation \"no_such_table\" does not exist"))
            #expect(error.description.contains("SQLSTATE 42P01"))
        }
        do {
            _ = try connection.query("SELECT 1/0", action: "Dividing")
        } catch {
            #expect(error.sqlState == SQLState(rawValue: "22012"))
        }
        do {
            _ = try connection.query(
                "DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'the detail', HINT = 'the hint'; END $$", action: "Raising")
        } catch {
            #expect(error.detail == "the detail")
            #expect(error.hint == "the hint")
            #expect(error.description.contains("Detail: the detail\nHint: the hint"))
        }
    }

    @Test func addsAConnectTimeoutOnlyWhenNoneIsSet() throws {
        #expect(try PostgresConnection.parse("postgresql://h/db?connect_timeout=3")["connect_timeout"] == "3")
        #expect(try PostgresConnection.parse("host=h dbname=db")["connect_timeout"] == nil)
    }
}
