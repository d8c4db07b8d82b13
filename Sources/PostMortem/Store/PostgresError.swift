/// A failure talking to PostgreSQL, with the server's diagnostics when it sent them.
///
/// The description says what was being done, what the server said, and what to try. It never
/// contains the connection string or a password: messages are scrubbed of the password before
/// they are stored here.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection string does not parse.
        case invalidConnectionString
        /// No connection could be made.
        case connectionFailed
        /// The connection broke during the run.
        case connectionLost
        /// The server rejected a statement.
        case statement
        /// The database does not look like Sentinel's.
        case schema
    }

    public var kind: Kind
    /// What the tool was doing, such as "reading resolved incidents".
    public var action: String
    public var message: String
    public var sqlState: SQLState?
    public var detail: String?
    public var hint: String?

    public init(
        _ kind: Kind, action: String, message: String,
        sqlState: SQLState? = nil, detail: String? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.action = action
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = "\(action) failed: \(message)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail { text += "\nDetail: \(detail)" }
        if let hint { text += "\nHint: \(hint)" }
        if let advice { text += "\n\(advice)" }
        return text
    }

    private var advice: String? {
        switch kind {
        case .invalidConnectionString:
            "Check --database-url or DATABASE_URL: a postgresql:// URI or key=value pairs as libpq accepts them."
        case .connectionFailed where message.contains("SSL") || message.contains("certificate"):
            "Check the TLS settings (sslmode, sslrootcert) in the connection string: the server and the client "
                + "must agree on TLS, and with sslmode=verify-full the server's certificate must match its CA and host name."
        case .connectionFailed:
            "Check that the server is running and reachable, and the host, port, database, user and password "
                + "in --database-url, DATABASE_URL or the PG* variables."
        case .connectionLost:
            "The connection to the database was lost. Documents already written are complete; run again to finish the rest."
        case .schema:
            "Point the tool at Sentinel's database, with migrations 0001 and 0002 applied."
        case .statement:
            switch sqlState {
            case .insufficientPrivilege?: "The database role lacks a privilege; see the README for the grants sentinel-report needs."
            case .undefinedTable?, .undefinedColumn?: "The database does not look like Sentinel's; apply Sentinel's migrations."
            case .queryCanceled?: "A statement ran longer than the server's statement_timeout."
            default: nil
            }
        }
    }
}
