import Foundation
@testable import PostMortem

/// A database of its own for one test: a copy of the schema-only template that scripts/test made.
///
/// scripts/test always sets `SENTINEL_TEST_DATABASE_URL`. Without it (a bare `swift test`) the
/// database tests are skipped, except under CI, where they run and fail.
public final class TestDatabase {
    /// The template database's URL, from scripts/test.
    public static let templateURL = ProcessInfo.processInfo.environment["SENTINEL_TEST_DATABASE_URL"]

    /// Whether database tests run: with a test database, and always in CI (failing without one).
    public static let isEnabled = templateURL != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// This test's database URL.
    public let url: String
    public let name: String
    private let admin: PostgresConnection
    private let connection: Connection

    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates a new database from the template.
    public init() throws {
        guard let templateURL = Self.templateURL, let slash = templateURL.lastIndex(of: "/") else {
            throw SetupError(description: "SENTINEL_TEST_DATABASE_URL is not set: run the tests with ./scripts/test")
        }
        let base = templateURL[...slash]
        let template = String(templateURL[templateURL.index(after: slash)...])
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresConnection(connectionString: base + "postgres")
        // Another test may be copying the template at this moment (SQLSTATE 55006): retry.
        for attempt in 1...50 {
            let result = Result { () throws(PostgresError) in
                try admin.query("CREATE DATABASE \(name) TEMPLATE \(template)", action: "Creating a test database")
            }
            guard case .failure(let error) = result else { break }
            guard error.sqlState == .objectInUse, attempt < 50 else { throw error }
            usleep(100_000)
        }
        self.name = name
        self.admin = admin
        url = base + name
        connection = try Connection(url: url)
    }

    deinit {
        _ = try? admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", action: "Dropping a test database")
    }

    /// A connection of its own to a database, for a test that plays another client.
    public final class Connection {
        private let connection: PostgresConnection

        public init(url: String) throws {
            connection = try PostgresConnection(connectionString: url)
        }

        /// Runs one statement and returns its rows as text.
        @discardableResult
        public func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
            try connection.query(sql, parameters, action: "Test statement").rows
        }
    }

    /// Runs one statement in this database and returns its rows as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try connection.execute(sql, parameters)
    }

    /// Inserts a row; `values` maps column names to text values (nil is NULL).
    public func insert(_ table: String, _ values: KeyValuePairs<String, String?>) throws {
        let columns = values.map(\.key).joined(separator: ", ")
        let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        try execute("INSERT INTO \(table) (\(columns)) VALUES (\(placeholders))", values.map(\.value))
    }

    /// Inserts an incident with sensible defaults for the required columns.
    public func insertIncident(
        id: String, status: String = "resolved", title: String = "test incident",
        createdAt: String = "2026-10-01 08:00:00+00", resolvedAt: String? = "2026-10-01 08:30:00+00",
        postMortem: String? = nil, extra: [String: String?] = [:]
    ) throws {
        var columns = ["id", "title", "target", "severity", "status", "created_at", "resolved_at", "post_mortem_md"]
        var values: [String?] = [id, title, "api", "high", status, createdAt, status == "resolved" ? resolvedAt : nil, postMortem]
        for (column, value) in extra.sorted(by: { $0.key < $1.key }) {
            columns.append(column)
            values.append(value)
        }
        let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        try execute("INSERT INTO incidents (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values)
    }

    /// Adds timeline events: (status, time) pairs.
    public func insertEvents(_ id: String, _ events: [(String, String)]) throws {
        for (status, time) in events {
            try execute("INSERT INTO incident_events (incident_id, status, created_at) VALUES ($1, $2, $3)", [id, status, time])
        }
    }

    /// Every incident row as text, with its xmin, keyed by id: a fingerprint of what a run changed.
    public func snapshot() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try execute("SELECT id::text, xmin::text || ' ' || row_to_json(i)::text FROM incidents i") {
            if let id = row[0], let value = row[1] { result[id] = value }
        }
        return result
    }

    /// The repository's root folder, which holds `db/`.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs one of the repository's SQL files (such as `db/least-privilege.sql`) in this
    /// database with psql, as the administrator, exactly as a person would; throws psql's
    /// output when it fails.
    public func runFile(_ path: String) throws {
        let result = try BinaryRun.run(
            URL(fileURLWithPath: "/usr/bin/psql"),
            [url, "-q", "-v", "ON_ERROR_STOP=1", "-f", Self.repositoryRoot.appendingPathComponent(path).path])
        guard result.status == 0 else { throw SetupError(description: "psql -f \(path) failed: \(result.stderr)") }
    }

    /// Sentinel's schema v2 on top of 0001 + 0002, as the team's install has it: row-level
    /// security with the dashboard's policy only, and the trigger that moves updated_at.
    public func applySchemaV2() throws {
        try runFile("db/schema-v2.sql")
    }

    /// This database's URL for another role (the test server trusts every local role).
    public func url(as role: String) -> String {
        url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://\(role)@")
    }

    /// Creates a login role unless it exists; roles belong to the whole cluster, which every
    /// test shares, so another test may be creating the same one.
    public func createRole(_ role: String) throws {
        try execute(
            """
            DO $$ BEGIN CREATE ROLE \(role) LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
            """)
    }

    /// The stored post-mortem of one incident.
    public func postMortem(_ id: String) throws -> String? {
        try execute("SELECT post_mortem_md FROM incidents WHERE id = $1", [id]).first?.first ?? nil
    }
}
