import CLibpq
import Foundation
import Logging

/// A connection to PostgreSQL through libpq. With PostgresRows, the only code that calls libpq.
///
/// Statements are sent with `PQexecParams`, or `PQsendQueryParams` in pipeline mode: unnamed,
/// with every value bound as a text parameter, so they work through transaction-mode poolers
/// (Supabase on port 6543, PgBouncer). A pipeline may also prepare a named statement and
/// execute it; its caller deallocates it in the same transaction.
final class PostgresConnection {
    private let connection: OpaquePointer
    /// The password in use, removed from every message that leaves this type.
    private let secrets: [String]
    /// Where the server's notices and warnings go; referenced by libpq until ``deinit``.
    private let notices: NoticeSink

    /// Seconds allowed for connecting when neither the connection string nor PGCONNECT_TIMEOUT sets it.
    static let defaultConnectTimeout = "10"

    /// Connects with `connectionString` passed to libpq unchanged (a URI or key=value pairs);
    /// `nil` uses libpq's own defaults: the PG* variables, the service file and `.pgpass`.
    ///
    /// The client encoding is pinned to UTF-8 and a connect timeout is added when the user set none.
    /// The server's notices and warnings (`WARNING: there is already a transaction in
    /// progress`, a trigger's `RAISE NOTICE`) go to `logger` at debug level, never to stderr.
    init(
        connectionString: String?, applicationName: String = "sentinel-report",
        logger: Logger = Logger(label: "sentinel-report")
    ) throws(PostgresError) {
        let parsed = try Self.parse(connectionString)
        var keywords = ["client_encoding", "fallback_application_name"]
        var values = ["UTF8", applicationName]
        if parsed["connect_timeout"] == nil, getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.append("connect_timeout")
            values.append(Self.defaultConnectTimeout)
        }
        if let connectionString {
            // Expanded first, so the keywords above only fill what the string leaves unset,
            // except client_encoding, which stays pinned.
            keywords.insert("dbname", at: 0)
            values.insert(connectionString, at: 0)
        }
        var secrets = [parsed["password"], getenv("PGPASSWORD").map { String(cString: $0) }].compactMap { $0 }
        secrets.removeAll { $0.isEmpty }
        let connection = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(.connectionFailed, action: "Connecting to the database", message: "libpq is out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.scrub(String(cString: PQerrorMessage(connection)), secrets: secrets)
            PQfinish(connection)
            throw PostgresError(.connectionFailed, action: "Connecting to the database", message: message)
        }
        self.connection = connection
        self.secrets = secrets
        notices = NoticeSink(logger: logger, secrets: secrets)
        PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
                func field(_ code: Unicode.Scalar) -> String {
                    PQresultErrorField(result, Int32(code.value)).map { String(cString: $0) } ?? ""
                }
                sink.receive(severity: field("S"), message: field("M"))
            }, Unmanaged.passUnretained(notices).toOpaque())
    }

    /// Receives what the server says besides results, for as long as the connection lives.
    private final class NoticeSink {
        let logger: Logger
        let secrets: [String]

        init(logger: Logger, secrets: [String]) {
            self.logger = logger
            self.secrets = secrets
        }

        func receive(severity: String, message: String) {
            logger.debug(
                "server \(severity.lowercased()): \(PostgresConnection.scrub(message, secrets: secrets))")
        }
    }

    deinit {
        PQfinish(connection)
    }

    /// Runs one statement with text parameters (`nil` is SQL NULL) and returns its rows.
    ///
    /// - Parameter action: what the statement does, for the error message.
    func query(_ sql: String, _ parameters: [String?] = [], action: String) throws(PostgresError) -> PostgresRows {
        let result = Self.withOptionalCStrings(parameters) { pointers in
            PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard let result else {
            throw lostOrFailed(action: action)
        }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return PostgresRows(result)
        default:
            if PQstatus(connection) != CONNECTION_OK { throw lostOrFailed(action: action) }
            throw statementError(result, action: action)
        }
    }

    /// One statement of a pipeline: SQL or a prepared statement's name, its text parameters
    /// (`nil` is SQL NULL), and what it does, for its error message.
    struct Statement {
        /// How the statement is sent.
        enum Form {
            /// SQL text, parsed and planned on its own.
            case text(String)
            /// Prepares `sql` as the statement `name`, with parameter types the server infers.
            case prepare(name: String, sql: String)
            /// Executes the prepared statement `name`.
            case execute(name: String)
        }

        var form: Form
        var parameters: [String?] = []
        var action: String

        init(sql: String, parameters: [String?] = [], action: String) {
            self.init(form: .text(sql), parameters: parameters, action: action)
        }

        init(form: Form, parameters: [String?] = [], action: String) {
            self.form = form
            self.parameters = parameters
            self.action = action
        }
    }

    /// Sends `statements` in pipeline mode, one round trip with a single sync, and returns each
    /// statement's rows, its error, or `nil` when the server skipped it after an earlier error.
    ///
    /// - Parameter action: what the statements do together, for the error of a failed connection.
    ///
    /// Throws only when the connection fails. The results are tiny (command tags), so the
    /// server never blocks on its output while the parameters are still being sent.
    func pipeline(_ statements: [Statement], action: String) throws(PostgresError) -> [Result<PostgresRows, PostgresError>?] {
        guard PQenterPipelineMode(connection) == 1 else { throw lostOrFailed(action: action) }
        defer { PQexitPipelineMode(connection) }
        for statement in statements {
            let count = Int32(statement.parameters.count)
            let sent = Self.withOptionalCStrings(statement.parameters) { pointers in
                switch statement.form {
                case .text(let sql): PQsendQueryParams(connection, sql, count, nil, pointers, nil, nil, 0)
                case .prepare(let name, let sql): PQsendPrepare(connection, name, sql, 0, nil)
                case .execute(let name): PQsendQueryPrepared(connection, name, count, pointers, nil, nil, 0)
                }
            }
            guard sent == 1 else { throw lostOrFailed(action: action) }
        }
        guard PQpipelineSync(connection) == 1 else { throw lostOrFailed(action: action) }
        var outcomes: [Result<PostgresRows, PostgresError>?] = []
        for statement in statements {
            guard let result = PQgetResult(connection) else { throw lostOrFailed(action: action) }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK: outcomes.append(.success(PostgresRows(result)))
            case PGRES_PIPELINE_ABORTED: outcomes.append(nil)
            default:
                if PQstatus(connection) != CONNECTION_OK { throw lostOrFailed(action: action) }
                outcomes.append(.failure(statementError(result, action: statement.action)))
            }
            // Each statement's results end with a null result.
            while let extra = PQgetResult(connection) { PQclear(extra) }
        }
        guard let sync = PQgetResult(connection) else { throw lostOrFailed(action: action) }
        defer { PQclear(sync) }
        guard PQresultStatus(sync) == PGRES_PIPELINE_SYNC else { throw lostOrFailed(action: action) }
        return outcomes
    }

    private func statementError(_ result: OpaquePointer, action: String) -> PostgresError {
        PostgresError(
            .statement, action: action,
            message: errorField(result, "M") ?? scrub(String(cString: PQresultErrorMessage(result))),
            sqlState: errorField(result, "C").map(SQLState.init(rawValue:)), detail: errorField(result, "D"), hint: errorField(result, "H"))
    }

    /// One diagnostic field of a failed result (`M` message, `C` SQLSTATE, `D` detail, `H` hint).
    private func errorField(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
        return scrub(String(cString: value))
    }

    private func lostOrFailed(action: String) -> PostgresError {
        let message = scrub(String(cString: PQerrorMessage(connection)))
        let kind: PostgresError.Kind = PQstatus(connection) == CONNECTION_OK ? .statement : .connectionLost
        return PostgresError(kind, action: action, message: message.isEmpty ? "no result from the server" : message)
    }

    private func scrub(_ text: String) -> String {
        Self.scrub(text, secrets: secrets)
    }

    /// Trims libpq's trailing newline and replaces every occurrence of a secret.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var text = text
        for secret in secrets {
            text = text.replacing(secret, with: "********")
        }
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// The options a connection string sets, by keyword; empty for `nil`.
    static func parse(_ connectionString: String?) throws(PostgresError) -> [String: String] {
        guard let connectionString else { return [:] }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let options = PQconninfoParse(connectionString, &errorMessage)
        defer { PQconninfoFree(options) }
        defer { if let errorMessage { PQfreemem(errorMessage) } }
        guard let options else {
            // libpq quotes the offending fragment, which may hold a password: keep only the rest.
            let message = errorMessage.map { String(cString: $0) } ?? "libpq could not parse it"
            let unquoted = message.split(separator: "\"", omittingEmptySubsequences: false)
                .enumerated().map { $0.offset % 2 == 0 ? String($0.element) : "…" }.joined(separator: "\"")
            throw PostgresError(
                .invalidConnectionString, action: "Reading the connection string",
                message: scrub(unquoted, secrets: []))
        }
        var result: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                result[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        return result
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStrings(strings + [nil]) { body($0) }
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
