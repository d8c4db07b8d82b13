import Foundation
import Testing
import TestSupport
@testable import PostMortem

/// The table of look-alikes gives exactly what joining pairs gives.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct RecurrenceWaysTests {
    /// 400 incidents over 200 days, one of every day at random: many share a day, several
    /// fingerprints, targets and types, some of them NULL, a fifth not resolved.
    func loadIncidents(into database: TestDatabase) throws {
        try database.execute("SELECT setseed(0.42)")
        try database.execute(
            """
            INSERT INTO incidents (id, title, target, severity, status, fingerprint, incident_type, created_at, resolved_at)
            SELECT format('e0000000-0000-4000-8000-%s', lpad(i::text, 12, '0'))::uuid, 'incident ' || i,
                   (ARRAY['api', 'db', 'cache'])[1 + floor(random() * 3)::int], 'low',
                   CASE WHEN random() < 0.8 THEN 'resolved' ELSE 'failed' END,
                   (ARRAY['fp-a', 'fp-b', 'fp-c', 'fp-d', NULL])[1 + floor(random() * 5)::int],
                   (ARRAY['oom', 'disk', NULL])[1 + floor(random() * 3)::int],
                   t, t + interval '20 minutes'
            FROM generate_series(1, 400) i,
                 LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + floor(random() * 200) * interval '1 day' + i * interval '0 s' AS t) d
            """)
    }

    func recurrences(_ store: IncidentStore, _ ids: [String]) throws -> [String: Recurrence] {
        Dictionary(uniqueKeysWithValues: try store.incidents(ids: ids).map { ($0.id, $0.recurrence) })
    }

    @Test(arguments: [nil, "fingerprint", "incident_type"])
    func theTableGivesWhatJoiningPairsGives(droppedColumn: String?) throws {
        let database = try TestDatabase()
        try loadIncidents(into: database)
        if let droppedColumn {
            try database.execute("ALTER TABLE incidents DROP COLUMN \(droppedColumn)")
        }
        let resolved = try database.execute("SELECT id::text FROM incidents WHERE status = 'resolved' ORDER BY id").compactMap(\.first!)
        let pairs = try IncidentStore(connectionString: database.url)
        let table = try IncidentStore(connectionString: database.url)
        try table.prepareLookalikes()
        #expect(table.hasLookalikes)
        #expect(!pairs.hasLookalikes)

        let expected = try recurrences(pairs, resolved)
        #expect(try recurrences(table, resolved) == expected)
        // Not trivially equal: long histories, and look-alikes that share a time, ordered by id.
        #expect(expected.values.contains { $0.count > Recurrence.listed })
        #expect(
            expected.values.contains { recurrence in
                zip(recurrence.latest, recurrence.latest.dropFirst()).contains { $0.createdAt == $1.createdAt }
            })

        // Incidents resolved after the table was built are found by joining pairs.
        try database.execute(
            """
            INSERT INTO incidents (id, title, target, severity, status, created_at, resolved_at)
            SELECT format('f0000000-0000-4000-8000-%s', lpad(i::text, 12, '0'))::uuid, 'late ' || i, 'api', 'low',
                   'resolved', timestamptz '2026-07-20 00:00:00+00', timestamptz '2026-07-20 01:00:00+00'
            FROM generate_series(1, 3) i
            """)
        if droppedColumn != "incident_type" {
            try database.execute("UPDATE incidents SET incident_type = 'oom' WHERE title LIKE 'late %'")
        }
        let late = (1...3).map { String(format: "f0000000-0000-4000-8000-%012d", $0) }
        let withLate = try recurrences(pairs, resolved + late)
        #expect(try recurrences(table, resolved + late) == withLate)
        #expect((withLate[late[0]]?.count ?? 0 > 0) == (droppedColumn != "incident_type"))
    }

    @Test func withoutEitherWayNoTableIsBuilt() throws {
        let database = try TestDatabase()
        try loadIncidents(into: database)
        try database.execute("ALTER TABLE incidents DROP COLUMN fingerprint, DROP COLUMN incident_type")
        let store = try IncidentStore(connectionString: database.url)
        try store.prepareLookalikes()
        #expect(!store.hasLookalikes)
        let ids = try database.execute("SELECT id::text FROM incidents WHERE status = 'resolved'").compactMap(\.first!)
        #expect(try recurrences(store, ids).values.allSatisfy { $0 == Recurrence(count: 0, latest: []) })
    }

    /// A role that may not create temporary tables goes on joining pairs.
    @Test func aRoleWithoutTemporaryTablesJoinsPairs() throws {
        let database = try TestDatabase()
        try loadIncidents(into: database)
        try database.execute("DO $$ BEGIN CREATE ROLE sentinel_report_no_temp LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try database.execute("GRANT SELECT ON incidents, incident_events TO sentinel_report_no_temp")
        try database.execute("REVOKE TEMPORARY ON DATABASE \(database.name) FROM PUBLIC")
        let url = database.url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://sentinel_report_no_temp@")
        let store = try IncidentStore(connectionString: url)
        try store.prepareLookalikes()
        #expect(!store.hasLookalikes)
        let ids = try database.execute("SELECT id::text FROM incidents WHERE status = 'resolved' ORDER BY id").compactMap(\.first!)
        let owner = try IncidentStore(connectionString: database.url)
        try owner.prepareLookalikes()
        #expect(try recurrences(store, ids) == recurrences(owner, ids))
    }
}
