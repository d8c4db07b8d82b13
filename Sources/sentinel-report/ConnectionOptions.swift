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

    @Option(
        name: .customLong("database-url-file"),
        help: ArgumentHelp(
            "Read the connection string from this file, so no password shows in the process list.",
            valueName: "file"))
    var databaseURLFile: String?

    func validate() throws {
        if databaseURL != nil, databaseURLFile != nil {
            throw ValidationError("--database-url and --database-url-file exclude each other.")
        }
    }

    /// The connection string to use: the flag, the file, then $DATABASE_URL; `nil` lets libpq
    /// apply its own defaults.
    var connectionString: String? {
        get throws {
            if let databaseURL { return databaseURL }
            if let databaseURLFile {
                guard let text = try? String(contentsOfFile: databaseURLFile, encoding: .utf8) else {
                    throw ConnectionFileError(path: databaseURLFile)
                }
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let value = ProcessInfo.processInfo.environment["DATABASE_URL"], !value.isEmpty { return value }
            return nil
        }
    }

    struct ConnectionFileError: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "cannot read the connection string from \(path): check that the file exists and is readable by this user."
        }
    }
}
