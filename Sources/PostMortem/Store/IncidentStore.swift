import Logging

/// Reads incidents and their timelines from Sentinel's database and writes post-mortems back.
///
/// Built on ``PostgresConnection``; every value is bound as a parameter. The SQL is assembled
/// only from the fixed column names of ``Schema``, chosen by what the live schema has.
///
/// Work happens in batches, each in one ``transaction(readOnly:_:)``: ``batch(_:after:limit:lock:)``
/// (which may claim its rows with `FOR UPDATE SKIP LOCKED`, so concurrent runs share a backlog
/// without waiting for each other), then the writes.
final class IncidentStore {
    let connection: PostgresConnection
    let schema: Schema
    /// Whether this connection holds the table of look-alikes (``prepareLookalikes()``).
    var hasLookalikes = false
    /// Whether this connection tried to build it.
    var triedLookalikes = false
    /// Whether writes go out as a prepared statement (``writePostMortems(_:)``).
    var preparesWrites = true
    /// How the prepared write's names start; a test gives one that SQL cannot deallocate.
    var writeStatementPrefix = "sentinel_report_write_"

    /// Limits that keep a run from hanging on a stuck server or a locked row.
    static let timeouts = [("statement_timeout", "120s"), ("lock_timeout", "10s"), ("idle_in_transaction_session_timeout", "600s")]

    /// What a run selects.
    struct Query {
        enum Kind {
            /// Resolved incidents without a post-mortem, or whose inputs changed since it was generated.
            case due
            /// Every resolved incident.
            case all
        }

        var kind: Kind = .due
        /// Only these incidents (validated UUIDs), whatever their status.
        var ids: [String]?
        /// `resolved_at` on or after this day (UTC).
        var since: Day?
        /// `resolved_at` on or before this day.
        var until: Day?
        /// Only incidents resolved at or before this instant, or with no `resolved_at`: the
        /// rest are still settling (Sentinel's own writer may be at work on them).
        var resolvedBy: Timestamp?
        /// Only incidents resolved after this instant.
        var resolvedAfter: Timestamp?
        /// What besides the row the documents depend on (templates, format, settings), hashed.
        var seed: String = ""
    }

    /// Connects and reads the schema; the server's notices go to `logger` at debug level.
    init(connectionString: String?, logger: Logger = Logger(label: "sentinel-report")) throws(PostgresError) {
        connection = try PostgresConnection(connectionString: connectionString, logger: logger)
        schema = try Schema.detect(connection)
    }

    /// The server's clock, which `resolved_at` is compared with.
    func serverTime() throws(PostgresError) -> Timestamp {
        let text =
            try connection.query(
                "SELECT (extract(epoch from now()) * 1000000)::bigint::text", action: "Reading the server's clock"
            ).rows.first?.first ?? nil
        guard let text, let microseconds = Int64(text) else {
            throw PostgresError(.statement, action: "Reading the server's clock", message: "the server sent no time")
        }
        return Timestamp(microseconds: microseconds)
    }

    /// What row-level security lets this connection's role do (one query).
    func rowSecurity() throws(PostgresError) -> RowSecurity {
        try RowSecurity.read(connection)
    }

    /// Starts a batch's transaction, with times in UTC, the run's timeouts and no JIT.
    ///
    /// PostgreSQL compiles a query whose estimated cost is high with LLVM: the first time in a
    /// session, loading LLVM took 0.2 s of a 0.5 s run with nothing to do, and compiled code ran
    /// the hash over the rows slower than the interpreter. The store's queries are short.
    ///
    /// A writing transaction compresses the documents it writes with lz4 where the server has
    /// it (PostgreSQL 14 and later, built with lz4), instead of the default pglz: about a
    /// quarter of the server's time for the same bytes, and faster to read back. A compression
    /// set on the column itself (`ALTER TABLE … SET COMPRESSION`) still wins.
    func begin(readOnly: Bool) throws(PostgresError) {
        _ = try connection.query(readOnly ? "BEGIN READ ONLY" : "BEGIN", action: "Starting a transaction")
        let settings = [("TimeZone", "UTC"), ("DateStyle", "ISO, YMD"), ("jit", "off")] + Self.timeouts
        var calls = settings.indices.map { "set_config($\(2 * $0 + 1), $\(2 * $0 + 2), true)" }
        if !readOnly { calls.append(Self.lz4Compression) }
        _ = try connection.query(
            "SELECT \(calls.joined(separator: ", "))", settings.flatMap { [$0.0, $0.1] }, action: "Configuring the transaction")
    }

    /// Sets `default_toast_compression` to lz4 for the transaction, or nothing where the server
    /// lacks the setting or the method.
    private static let lz4Compression = """
        (SELECT set_config(name, 'lz4', true) FROM pg_settings
         WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))
        """

    /// The current values of server settings, in order.
    func settings(_ names: [String]) throws(PostgresError) -> [String?] {
        let calls = names.indices.map { "current_setting($\($0 + 1))" }.joined(separator: ", ")
        return try connection.query("SELECT \(calls)", names, action: "Reading settings").rows.first ?? []
    }

    func commit() throws(PostgresError) {
        _ = try connection.query("COMMIT", action: "Committing the batch")
    }

    /// Rolls back the open transaction, if the connection still works.
    func rollback() {
        _ = try? connection.query("ROLLBACK", action: "Rolling back")
    }

    /// The WHERE clause of `query`, with its parameters from `$2` on (`$1` is the seed).
    private func filter(_ query: Query) -> (sql: String, parameters: [String?]) {
        var clauses: [String] = []
        var parameters: [String?] = []
        func parameter(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count + 1)"
        }
        if let ids = query.ids {
            clauses.append("i.id = ANY(\(parameter(Self.arrayLiteral(ids)))::uuid[])")
        } else {
            clauses.append("i.status = 'resolved'")
            if query.kind == .due {
                // Due: no post-mortem; or its inputs changed; or someone else saved it since it
                // was written (its `written` time is no longer post_mortem_updated_at), so that
                // what people filled in reaches the generated parts (what is still to fill, the
                // time to detect). A blank or foreign post-mortem has no document marker, so it
                // is due too. The marker's fields lie within its first line's first 256
                // characters: only that slice of the stored text is read (and decompressed),
                // once, and cut with split_part, several times faster than a regular
                // expression. A first line that is not a marker holds neither field.
                clauses.append(
                    """
                    (i.post_mortem_md IS NULL
                     OR (SELECT split_part(split_part(marker, '; inputs ', 2), ';', 1) IS DISTINCT FROM \(schema.inputsExpression)
                             OR split_part(split_part(marker, '; written ', 2), ';', 1)
                                IS DISTINCT FROM (extract(epoch from i.post_mortem_updated_at) * 1000000)::bigint::text
                         FROM (SELECT split_part(left(i.post_mortem_md, 256), E'\\n', 1) AS marker) AS first_line))
                    """)
            }
        }
        if let since = query.since { clauses.append("i.resolved_at >= \(parameter(since.description))::date") }
        if let until = query.until { clauses.append("i.resolved_at < \(parameter(until.description))::date + 1") }
        func instant(_ time: Timestamp) -> String {
            "timestamptz 'epoch' + \(parameter(String(time.microseconds)))::bigint * interval '1 microsecond'"
        }
        if let by = query.resolvedBy { clauses.append("(i.resolved_at IS NULL OR i.resolved_at <= \(instant(by)))") }
        if let after = query.resolvedAfter { clauses.append("i.resolved_at > \(instant(after))") }
        return (clauses.joined(separator: " AND "), parameters)
    }

    /// How many incidents `query` selects now, counted in a read-only transaction with the
    /// same pinned settings as the batches, so that hashes and dates compare the same way.
    func count(_ query: Query) throws(PostgresError) -> Int {
        try begin(readOnly: true)
        defer { rollback() }
        let (filter, parameters) = filter(query)
        // The seed ($1) is selected too: a filter that does not use it would leave its type unknown.
        let rows = try connection.query(
            "SELECT count(*), $1::text FROM incidents i WHERE \(filter)", [query.seed] + parameters,
            action: "Counting the incidents to process")
        return rows.rows.first?.first.flatMap { $0.flatMap { Int($0) } } ?? 0
    }

    /// The lowest and the highest id of a resolved incident, found at the ends of the primary
    /// key's index; `nil` when there is none.
    func resolvedIDRange() throws(PostgresError) -> (first: String, last: String)? {
        let row = try connection.query(
            """
            SELECT (SELECT i.id::text FROM incidents i WHERE i.status = 'resolved' ORDER BY i.id LIMIT 1),
                   (SELECT i.id::text FROM incidents i WHERE i.status = 'resolved' ORDER BY i.id DESC LIMIT 1)
            """, action: "Reading the range of resolved incidents"
        ).rows.first
        guard let first = row?[0] ?? nil, let last = row?[1] ?? nil else { return nil }
        return (first, last)
    }

    /// Up to `limit` incidents of `query` with ids after `after` and up to `through` (either
    /// bound `nil`: none), in id order, with their events, earlier look-alikes, inputs hash and
    /// the transaction's time (which a write in the same transaction stamps).
    /// With `lock`, the rows are claimed for this transaction and rows another run has claimed
    /// are skipped.
    func batch(_ query: Query, after: String?, through: String? = nil, limit: Int, lock: Bool) throws(PostgresError) -> [Incident] {
        let (filter, parameters) = filter(query)
        let afterParameter = "$\(parameters.count + 2)"
        let throughParameter = "$\(parameters.count + 4)"
        let sql = """
            SELECT \(schema.incidentColumns), \(schema.inputsExpression), extract(epoch from now())::text FROM incidents i
            WHERE \(filter) AND (\(afterParameter)::uuid IS NULL OR i.id > \(afterParameter)::uuid)
              AND (\(throughParameter)::uuid IS NULL OR i.id <= \(throughParameter)::uuid)
            ORDER BY i.id LIMIT $\(parameters.count + 3)::int\(lock ? " FOR UPDATE OF i SKIP LOCKED" : "")
            """
        let action = query.ids == nil ? "Reading resolved incidents" : "Reading the requested incidents"
        let rows = try connection.query(sql, [query.seed] + parameters + [after, String(limit), through], action: action).rows
        var incidents = rows.map(Self.incident)
        guard !incidents.isEmpty else { return [] }
        let ids = Self.arrayLiteral(incidents.map(\.id))
        var events: [String: [IncidentEvent]] = [:]
        for row in try connection.query(schema.eventsQuery, [ids], action: "\(action): their timelines").rows {
            guard let id = row[0], let status = row[1], let time = row[2].flatMap({ Timestamp(epochText: $0[...]) })
            else { continue }
            events[id, default: []].append(IncidentEvent(status: IncidentStatus(status), time: time))
        }
        let recurrence = try self.recurrence(ids: ids, action: "\(action): earlier similar incidents")
        for index in incidents.indices {
            incidents[index].events = events[incidents[index].id] ?? []
            incidents[index].recurrence = recurrence[incidents[index].id] ?? incidents[index].recurrence
        }
        return incidents
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(readOnly: Bool, _ body: () throws -> T) throws -> T {
        try begin(readOnly: readOnly)
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// The incidents with the given ids (validated UUIDs), whatever their status, read in one
    /// read-only transaction.
    func incidents(ids: [String], seed: String = "") throws -> [Incident] {
        try transaction(readOnly: true) {
            try batch(Query(ids: ids, seed: seed), after: nil, limit: ids.count, lock: false)
        }
    }

    /// A PostgreSQL array literal of UUIDs; the caller has validated each one.
    private static func arrayLiteral(_ ids: [String]) -> String {
        "{" + ids.joined(separator: ",") + "}"
    }
    /// Builds an incident from a row of ``Schema/incidentColumns``, then its inputs hash.
    private static func incident(_ row: [String?]) -> Incident {
        func value(_ column: Schema.Column) -> String? { row[column.rawValue] }
        func text(_ column: Schema.Column) -> String? {
            guard let value = value(column), value.contains(where: { !$0.isWhitespace }) else { return nil }
            return value
        }
        func time(_ column: Schema.Column) -> Timestamp? {
            value(column).flatMap { Timestamp(epochText: $0[...]) }
        }
        var incident = Incident(
            id: value(.id) ?? "", title: value(.title) ?? "", target: value(.target) ?? "", severity: value(.severity) ?? "",
            status: IncidentStatus(value(.status) ?? ""), sourceType: text(.sourceType) ?? "container",
            createdAt: time(.createdAt) ?? Timestamp(microseconds: 0))
        incident.containerRuntime = text(.containerRuntime)
        incident.incidentType = text(.incidentType)
        incident.serverName = text(.serverName)
        incident.fingerprint = text(.fingerprint)
        incident.logs = text(.logs)
        incident.agentReasoning = text(.agentReasoning)
        incident.proposedAction = text(.proposedAction)
        incident.actionResult = text(.actionResult)
        incident.actionError = text(.actionError)
        incident.approvedBy = text(.approvedBy)
        if let metrics = value(.metricsSnapshot) {
            do {
                incident.metricsSnapshot = try JSONValue(parsing: metrics)
            } catch {
                incident.unparsableMetrics = metrics
            }
        }
        incident.postMortem = value(.postMortem)
        incident.postMortemUpdatedAt = time(.postMortemUpdatedAt)
        incident.executedAt = time(.executedAt)
        incident.resolvedAt = time(.resolvedAt)
        incident.updatedAt = time(.updatedAt)
        let inputs = Schema.Column.allCases.count
        incident.inputs = row.count > inputs ? row[inputs] : nil
        incident.readAt = row.count > inputs + 1 ? row[inputs + 1].flatMap { Timestamp(epochText: $0[...]) } : nil
        return incident
    }
}
