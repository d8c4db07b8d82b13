/// Row-level security hides from the connected role rows a run needs (see ``RowSecurity``).
///
/// Its description names row-level security, the role, the table, what would go wrong, and the
/// fix: `db/least-privilege.sql`, which adds the policies sentinel-report needs.
public struct RowSecurityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Operation: Sendable, Equatable {
        case read
        case update
    }

    public var role: String
    public var table: String
    public var operation: Operation
    /// The incident ids the run asked for; empty for a batch run.
    public var requested: [String]

    public var description: String {
        let what =
            switch (operation, table) {
            case (.read, "incidents") where requested.isEmpty:
                "no policy lets it read (SELECT) any row of incidents, so every run would find nothing to do."
            case (.read, "incidents"):
                "no policy lets it read (SELECT) any row of incidents, so the requested incident "
                    + "(\(requested.joined(separator: ", "))) is hidden from it, whether or not it exists."
            case (.read, _):
                "no policy lets it read (SELECT) any row of \(table), so every incident's timeline would look empty."
            case (.update, _):
                "no policy lets it update (UPDATE) any row of \(table), so every write would silently change nothing."
            }
        return "Row-level security is enabled on table \(table) and hides its rows from the database role "
            + "'\(role)': \(what)\nFix: run db/least-privilege.sql as an administrator "
            + "(psql -v ON_ERROR_STOP=1 -f db/least-privilege.sql): it adds the policies sentinel-report needs "
            + "and changes nothing else. Or connect as a role with BYPASSRLS"
            + (operation == .update ? ", or use --dry-run to write nothing." : ".")
    }
}
