import ArgumentParser
import Foundation

/// How to reach Sentinel's database, shared by every command that reads it.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL connection string: a postgresql:// URI or libpq key=value pairs.",
            discussion: "Defaults to $DATABASE_URL, then to libpq's own defaults (PG* variables, service file, .pgpass).",
            valueName: "url"))
    var databaseURL: String?

    /// The connection string to use; `nil` lets libpq apply its defaults.
    var connectionString: String? {
        if let databaseURL { return databaseURL }
        if let value = ProcessInfo.processInfo.environment["DATABASE_URL"], !value.isEmpty { return value }
        return nil
    }
}
