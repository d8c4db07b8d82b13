/// The shape of the live `incidents` and `incident_events` tables, as far as the store needs it.
///
/// Sentinel's installs differ: the events' time column is `created_at` (migration 0001) or
/// `occurred_at` (what Sentinel's frontend queries), and older installs lack the columns of
/// migration 0002. Absent optional columns are read as NULL.
struct Schema: Equatable {
    /// Expression for an event's time.
    let eventTime: String
    /// The select list for an incident row, in the order ``IncidentStore`` decodes it.
    let incidentColumns: String
    /// The events of the incidents whose ids are in `$1` (uuid[]), in time order.
    let eventsQuery: String
    /// Which ways of being alike (see ``Recurrence``) the live columns allow.
    let recurrenceWays: RecurrenceWays

    /// A hash of the incident's row (all but the post-mortem and update columns) and its events,
    /// salted with `$1`; stored in each generated document to tell when its inputs changed.
    ///
    /// Columns and event times are hashed in their text output, which for timestamps depends on
    /// TimeZone and DateStyle: every query that computes it runs in a transaction that pins
    /// both (``IncidentStore/begin(readOnly:)``). Cheaper than formatting epoch numerics, a
    /// whole record (whose output quotes every character of the logs), an md5 per column or
    /// one hash of all columns joined.
    let inputsExpression: String

    /// Columns an incident row must have; without them the database is not Sentinel's.
    static let requiredColumns = [
        "id", "title", "target", "severity", "status", "created_at", "post_mortem_md",
        "post_mortem_updated_at",
    ]

    /// The columns of an incident row the store reads, in the order of ``incidentColumns``:
    /// a column's position in the row is its raw value.
    enum Column: Int, CaseIterable {
        case id, title, target, severity, status, sourceType, createdAt, containerRuntime, incidentType, serverName
        case fingerprint, logs, agentReasoning, proposedAction, actionResult, actionError, approvedBy, metricsSnapshot
        case postMortem, postMortemUpdatedAt, executedAt, resolvedAt, updatedAt

        /// The column's name in the table.
        var name: String {
            switch self {
            case .postMortem: "post_mortem_md"
            default:
                String(describing: self).reduce(into: "") { name, character in
                    name += character.isUppercase ? "_" + character.lowercased() : String(character)
                }
            }
        }

        /// A timestamp, read as epoch seconds.
        var isTime: Bool {
            [.createdAt, .postMortemUpdatedAt, .executedAt, .resolvedAt, .updatedAt].contains(self)
        }

        /// Not part of what a document is made from: the document itself and when rows changed.
        var isOutput: Bool {
            [.postMortem, .postMortemUpdatedAt, .updatedAt].contains(self)
        }
    }

    init(incidentColumns present: Set<String>, eventColumns: Set<String>) throws(PostgresError) {
        let missing = Self.requiredColumns.filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw PostgresError(
                .schema, action: "Checking the incidents table",
                message: "it lacks the column(s) \(missing.joined(separator: ", "))")
        }
        eventTime =
            switch (eventColumns.contains("created_at"), eventColumns.contains("occurred_at")) {
            case (true, true): "coalesce(created_at, occurred_at)"
            case (true, false): "created_at"
            case (false, true): "occurred_at"
            case (false, false):
                throw PostgresError(
                    .schema, action: "Checking the incident_events table",
                    message: "it has neither a created_at nor an occurred_at column")
            }
        guard eventColumns.contains("incident_id"), eventColumns.contains("status") else {
            throw PostgresError(
                .schema, action: "Checking the incident_events table", message: "it lacks incident_id or status")
        }
        incidentColumns = Column.allCases.map { column in
            switch (present.contains(column.name), column.isTime) {
            case (false, _): "NULL"
            case (true, true): "extract(epoch from i.\(column.name))::text"
            case (true, false): "i.\(column.name)::text"
            }
        }.joined(separator: ", ")
        recurrenceWays = RecurrenceWays(
            fingerprint: present.contains("fingerprint"), incidentType: present.contains("incident_type"),
            resolvedAt: present.contains("resolved_at"))
        // One 64-bit hash (`hashtextextended`, the hash of hash partitioning) of each column's
        // text in turn, seeded with the hash so far, then of the events: no column is copied
        // into a concatenation first (half the time of hashing one, with 200 KB logs), and a
        // value cannot move into the next column unnoticed. The first hash covers the seed and
        // which columns are NULL, so that NULL and '' differ.
        let inputColumns = Column.allCases
            .filter { present.contains($0.name) && !$0.isOutput }
            .map { "i.\($0.name)::text" }
        let events = """
            (SELECT string_agg(status || '@' || (\(eventTime))::text, ',' ORDER BY \(eventTime), status)
                FROM incident_events WHERE incident_id = i.id)
            """
        let nulls = inputColumns.map { "(\($0) IS NULL)::int" }.joined(separator: ", ")
        let chain = (inputColumns + [events]).reduce(
            "hashtextextended(($1::text || '|' || concat(\(nulls))) COLLATE \"C\", 0)"
        ) { hash, column in
            "hashtextextended(coalesce(\(column), '') COLLATE \"C\", \(hash))"
        }
        inputsExpression = "lpad(to_hex(\(chain)), 16, '0')"
        let tieBreak = eventColumns.contains("id") ? ", id" : ""
        eventsQuery = """
            SELECT incident_id::text, status, extract(epoch from \(eventTime))::text FROM incident_events
            WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, \(eventTime)\(tieBreak)
            """
    }

    /// Reads the live columns of both tables, through the session's search_path.
    static func detect(_ connection: PostgresConnection) throws(PostgresError) -> Schema {
        let rows = try connection.query(
            """
            SELECT c.relname::text, a.attname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE a.attrelid IN (to_regclass('incidents'), to_regclass('incident_events'))
              AND a.attnum > 0 AND NOT a.attisdropped
            """, action: "Reading the database schema"
        ).rows
        var incidents: Set<String> = []
        var events: Set<String> = []
        for row in rows {
            guard let table = row[0], let column = row[1] else { continue }
            if table == "incidents" { incidents.insert(column) } else { events.insert(column) }
        }
        guard !incidents.isEmpty, !events.isEmpty else {
            throw PostgresError(
                .schema, action: "Reading the database schema",
                message: "no \(incidents.isEmpty ? "incidents" : "incident_events") table is visible on the search_path")
        }
        return try Schema(incidentColumns: incidents, eventColumns: events)
    }
}
