import Foundation
import Testing
import TestSupport
@testable import PostMortem

/// The server dies in the middle of a run: the run says so and exits 2, every document already
/// committed is whole, and the next run finishes the rest.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs PostgreSQL: run ./scripts/test"))
struct ServerLossTests {
    @Test func aRunCutOffByTheServerLeavesWholeDocumentsAndTheNextOneFinishes() throws {
        let server = try ThrowawayServer()
        try server.psql(
            """
            INSERT INTO incidents (id, title, target, severity, status, logs, created_at, resolved_at)
            SELECT gen_random_uuid(), 'incident ' || n, 'api-' || (n % 50), 'high', 'resolved',
                   repeat('[2026-10-01 08:00:00 UTC] a log line of an ordinary length' || E'\\n', 100),
                   timestamptz '2026-10-01' + n * interval '1 minute', timestamptz '2026-10-01' + n * interval '1 minute' + interval '9 minutes'
            FROM generate_series(1, 4000) n;
            INSERT INTO incident_events (incident_id, status, created_at)
            SELECT id, s, created_at + k * interval '1 minute'
            FROM incidents, unnest(ARRAY['detected', 'investigating', 'analyzed']) WITH ORDINALITY AS t(s, k);
            """)
        let observer = try PostgresConnection(connectionString: server.url)
        func written() throws -> Int {
            Int(
                try observer.query("SELECT count(*) FROM incidents WHERE post_mortem_md IS NOT NULL", action: "count")
                    .rows.first?.first.flatMap { $0 } ?? "0") ?? 0
        }

        let run = try BinaryRun.start(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": server.url])
        let deadline = Date().addingTimeInterval(60)
        while try written() == 0, Date() < deadline { usleep(20_000) }
        try server.crash()
        let cut = try run.wait()
        #expect(cut.status == 2, "\(cut.stderr)")
        #expect(cut.stderr.contains("run again"))
        #expect(!cut.stderr.contains("postgresql://"))

        try server.start()
        let checker = try PostgresConnection(connectionString: server.url)
        let stored = try checker.query("SELECT post_mortem_md FROM incidents WHERE post_mortem_md IS NOT NULL", action: "read").rows
        #expect(stored.count > 0 && stored.count < 4000, "the run was not cut off in the middle")
        for case let text? in stored.map({ $0[0] }) {
            let document = DocumentMerge.Stored(text)
            let regions = document.pieces.compactMap { if case .region(let region, false) = $0 { region.name } else { nil } }
            #expect(document.header?.regions == regions)
            #expect(text.hasSuffix("<!-- sentinel-report end data-quality -->\n"))
        }

        let rest = try BinaryRun.run(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": server.url])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stderr.contains("\(4000 - stored.count) generated"))
        let again = try BinaryRun.run(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": server.url])
        #expect(again.stderr.contains("Nothing to do"))
    }
}

/// A wrong password is refused with a message that shows neither the password nor the URL.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs PostgreSQL: run ./scripts/test"))
struct PasswordTests {
    @Test func aWrongPasswordIsReportedWithoutIt() throws {
        let server = try ThrowawayServer(password: "the-right-one")
        let wrong = "postgresql://postgres:wrong-pass-9f8e@127.0.0.1:\(server.port)/sentinel"
        let result = try BinaryRun.run(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": wrong])
        #expect(result.status == 2)
        #expect(result.stderr.contains("password authentication failed"))
        #expect(!result.stderr.contains("wrong-pass-9f8e"))
        #expect(!result.stderr.contains("postgresql://"))

        let right = "postgresql://postgres:the-right-one@127.0.0.1:\(server.port)/sentinel"
        let ok = try BinaryRun.run(BinaryRun.binary, ["generate"], environment: ["DATABASE_URL": right])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("Nothing to do"))
    }
}
