import Foundation
import Testing
import TestSupport

/// Secrets never leave the database, the least privileged role suffices, and TLS is honoured.
@Suite(.enabled(if: TestDatabase.isEnabled, "needs SENTINEL_TEST_DATABASE_URL: run ./scripts/test"))
struct SecurityTests {
    let database: TestDatabase
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("security-\(UUID().uuidString)")
    static let secret = "hunter2-correct-horse"
    static let leaky = "f0000000-0000-4000-8000-0000000000aa"

    init() throws {
        database = try TestDatabase()
        try Fixtures.load(into: database)
        try database.insertIncident(
            id: Self.leaky, title: "db login failures",
            extra: [
                "logs": "[2026-10-01 07:59:00 UTC] connecting to postgresql://app:\(Self.secret)@db:5432/app\n"
                    + "[2026-10-01 07:59:01 UTC] Authorization: Bearer \(Self.secret)",
                "action_result": "export PASSWORD=\(Self.secret)",
                "metrics_snapshot": #"{"api_key": "\#(Self.secret)"}"#,
            ])
        try database.execute(
            "UPDATE incidents SET post_mortem_md = $2 WHERE id = $1",
            [Fixtures.foreign, "# Hand-written\n\nThe admin password=\(Self.secret) was rotated.\n"])
    }

    func run(_ arguments: [String], url: String? = nil) throws -> BinaryRun {
        try BinaryRun.run(BinaryRun.binary, arguments, environment: ["DATABASE_URL": url ?? database.url])
    }

    @Test func secretsAreRedactedBeforeTheyAreWrittenAndCountedWithoutTheirValues() throws {
        let result = try run(["generate", "--json", "--output", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try database.postMortem(Self.leaky))
        #expect(!document.contains(Self.secret))
        #expect(document.contains("[REDACTED:url-credentials]"))
        #expect(document.contains("[REDACTED:authorization-header]"))
        #expect(document.contains("[REDACTED:secret-pair]"))
        #expect(result.stderr.contains("Redacted: "))
        #expect(!result.stderr.contains(Self.secret) && !result.stdout.contains(Self.secret))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let counts = try #require(object["redactions"] as? [String: Int])
        #expect(counts["url-credentials"] == 1 && counts["authorization-header"] == 1)

        // What a person wrote stays unchanged in the database, but not in files that leave it.
        #expect(try database.postMortem(Fixtures.foreign)?.contains("password=\(Self.secret)") == true)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            #expect(
                !(try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8)).contains(Self.secret), "\(file)")
        }
        let export = try run(["export", "--output", folder.appendingPathComponent("wiki").path, "--format", "markdown"])
        #expect(export.status == 0)
        #expect(export.stderr.contains("Redacted: "))
        let wiki = folder.appendingPathComponent("wiki")
        for file in try FileManager.default.contentsOfDirectory(atPath: wiki.path) {
            #expect(!(try String(contentsOfFile: wiki.appendingPathComponent(file).path, encoding: .utf8)).contains(Self.secret), "\(file)")
        }
        #expect(!(try run(["render", Fixtures.foreign])).stdout.contains(Self.secret))
    }

    @Test func aBadRulesFileStopsTheRunBeforeAnyWrite() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rules = folder.appendingPathComponent("rules.json")
        try #"{"rules": [{"name": "corp-host", "pattern": "db-[0-9"}]}"#.write(to: rules, atomically: true, encoding: .utf8)
        let before = try database.snapshot()
        let result = try run(["generate", "--redaction-rules", rules.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("redaction rule 'corp-host' is invalid"))
        #expect(try database.snapshot() == before)
    }

    @Test func noRedactWarnsAndWritesTheTextAsItIs() throws {
        let result = try run(["generate", "--no-redact", "--incident", Self.leaky])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: --no-redact"))
        #expect(try database.postMortem(Self.leaky)?.contains(Self.secret) == true)
    }

    @Test func theLeastPrivilegedRoleIsEnough() throws {
        try database.runFile("db/least-privilege.sql")
        let url = database.url(as: "sentinel_report")
        let generate = try run(["generate"], url: url)
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stderr.contains("5 generated"))
        let export = try run(["export", "--output", folder.path], url: url)
        #expect(export.status == 0, "\(export.stderr)")
        // And the role can write nothing else, updated_at included.
        for column in ["title", "updated_at"] {
            let denied = try BinaryRun.run(
                URL(fileURLWithPath: "/usr/bin/psql"), [url, "-c", "UPDATE incidents SET \(column) = NULL"])
            #expect(denied.stderr.contains("permission denied"), "\(column)")
        }
    }

    @Test func readsTheConnectionStringFromAFile() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("url")
        try (database.url + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try BinaryRun.run(BinaryRun.binary, ["generate", "--dry-run", "--database-url-file", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let missing = try BinaryRun.run(BinaryRun.binary, ["generate", "--database-url-file", "/nonexistent/url"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the connection string from /nonexistent/url"))
    }

    @Test func sslmodeRequireFailsClearlyAgainstAServerWithoutTLS() throws {
        let result = try run(["generate"], url: database.url + "?sslmode=require")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Connecting to the database failed"))
        #expect(result.stderr.contains("SSL"))
        #expect(result.stderr.contains("sslmode"))
    }
}
