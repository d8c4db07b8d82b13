import Foundation
#if canImport(Glibc)
    import Glibc
#endif
@testable import PostMortem

/// A PostgreSQL server of its own, for tests that stop and start the server under a run.
///
/// Like scripts/lib.sh: Debian's server binaries, run as user `postgres` when the tests run as
/// root (initdb refuses root), a temporary data folder and socket folder, a loopback port.
public final class ThrowawayServer {
    public private(set) var port = 0
    let folder: URL
    let bin: String
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates and starts a server with a `sentinel` database holding Sentinel's schema.
    ///
    /// With `password`, TCP connections must authenticate with it (SCRAM); the socket stays
    /// open to the owner for set-up.
    public init(password: String? = nil) throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw Failure(description: "no PostgreSQL server under /usr/lib/postgresql")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("socket"), withIntermediateDirectories: true)
        try Self.shell("chmod 755 '\(folder.path)'" + (getuid() == 0 ? " && chown -R postgres:postgres '\(folder.path)'" : ""))
        var auth = "--auth=trust"
        if let password {
            let file = folder.appendingPathComponent("password")
            try password.write(to: file, atomically: true, encoding: .utf8)
            try Self.shell(getuid() == 0 ? "chown postgres '\(file.path)'" : "true")
            auth = "--auth-local=trust --auth-host=scram-sha-256 --pwfile='\(file.path)'"
        }
        try asOwner("'\(bin)/initdb' -D '\(folder.path)/data' -U postgres \(auth) -E UTF8 --locale=C.UTF-8 >/dev/null")
        // A port below Linux's ephemeral range (32768–60999), where the suite's own client
        // connections take theirs; another test's server may still hold it, so try a few.
        for attempt in 1...5 {
            port = Int.random(in: 20_000..<32_000)
            do {
                try start()
                break
            } catch  where attempt < 5 {
                continue
            }
        }
        try Self.shell("psql '\(socketURL(database: "postgres"))' -q -c 'create database sentinel' >/dev/null")
        for migration in ["0001_initial_schema.sql", "0002_production_hardening.sql"] {
            let file = Self.root.appendingPathComponent("db/migrations/\(migration)").path
            try Self.shell("psql '\(socketURL(database: "sentinel"))' -q -v ON_ERROR_STOP=1 -f '\(file)' >/dev/null")
        }
    }

    deinit {
        try? asOwner("'\(bin)/pg_ctl' -D '\(folder.path)/data' -m immediate -w stop >/dev/null 2>&1")
        try? FileManager.default.removeItem(at: folder)
    }

    /// The `sentinel` database's URL.
    public var url: String { url(database: "sentinel") }

    func url(database: String) -> String { "postgresql://postgres@127.0.0.1:\(port)/\(database)" }

    /// Through the socket, where the owner needs no password.
    func socketURL(database: String) -> String {
        "postgresql://postgres@/\(database)?host=\(folder.path)/socket&port=\(port)"
    }

    public func start() throws {
        try asOwner(
            "'\(bin)/pg_ctl' -D '\(folder.path)/data' -l '\(folder.path)/server.log' -w -t 60 start "
                + "-o '-c listen_addresses=127.0.0.1 -p \(port) -k \(folder.path)/socket -c fsync=off' >/dev/null")
    }

    /// Stops the server at once, as a crash would: no checkpoint, every client cut off.
    public func crash() throws {
        try asOwner("'\(bin)/pg_ctl' -D '\(folder.path)/data' -m immediate -w stop >/dev/null")
    }

    /// Runs SQL text (several statements allowed) with psql.
    public func psql(_ sql: String) throws {
        let file = folder.appendingPathComponent("script-\(UUID().uuidString).sql")
        try sql.write(to: file, atomically: true, encoding: .utf8)
        try Self.shell("psql '\(socketURL(database: "sentinel"))' -q -v ON_ERROR_STOP=1 -f '\(file.path)' >/dev/null")
    }

    private func asOwner(_ command: String) throws {
        try Self.shell(getuid() == 0 ? "runuser -u postgres -- sh -c \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\"" : command)
    }

    /// Runs a shell command and waits for it. `system`, not `Process`: Foundation's `Process`
    /// never sees the end of a command that leaves a daemon (the postmaster) behind.
    private static func shell(_ command: String) throws {
        let status = system(command)
        guard status == 0 else {
            throw Failure(description: "`\(command)` exited with status \(status)")
        }
    }
}
