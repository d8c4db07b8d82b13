/// Reads incidents and their timelines from Sentinel's database and writes post-mortems back.
///
/// Built on ``PostgresConnection``; every value is bound as a parameter. The SQL is assembled
/// only from the fixed column names below, chosen by what the live schema has: the events' time
/// column (`created_at` or `occurred_at`) and the columns later migrations added.
final class IncidentStore {
    private let connection: PostgresConnection
    let schema: Schema

    /// Which incidents a batch read selects.
    enum Selection {
        /// Resolved incidents without a post-mortem (NULL, or only white space).
        case missingPostMortem
        /// Every resolved incident.
        case allResolved
    }

    init(connectionString: String?) throws(PostgresError) {
        connection = try PostgresConnection(connectionString: connectionString)
        schema = try Schema.detect(connection)
    }

    /// Up to `limit` incidents of `selection` with ids greater than `after`, in id order, with events.
    func incidents(_ selection: Selection, after: String?, limit: Int) throws(PostgresError) -> [Incident] {
        let filter =
            switch selection {
            case .missingPostMortem: "status = 'resolved' AND (post_mortem_md IS NULL OR btrim(post_mortem_md, E' \\t\\r\\n') = '')"
            case .allResolved: "status = 'resolved'"
            }
        let sql = """
            SELECT \(schema.incidentColumns) FROM incidents
            WHERE \(filter) AND ($1::uuid IS NULL OR id > $1::uuid)
            ORDER BY id LIMIT $2
            """
        return try readWithEvents(sql, [after, String(limit)], action: "Reading resolved incidents")
    }

    /// The incidents with the given ids (validated UUIDs) that exist, with events, in id order.
    func incidents(ids: [String]) throws(PostgresError) -> [Incident] {
        let sql = "SELECT \(schema.incidentColumns) FROM incidents WHERE id = ANY($1::uuid[]) ORDER BY id"
        return try readWithEvents(sql, [Self.arrayLiteral(ids)], action: "Reading the requested incidents")
    }

    /// What became of one write.
    enum WriteOutcome {
        case written
        /// The row no longer holds what was read (someone changed it), or is no longer resolved.
        case conflict
        /// The server refused this row's write (a constraint, a trigger, a size limit).
        case rejected(PostgresError)
    }

    /// Stores `text` as the incident's post-mortem if its current one is still `expected`.
    ///
    /// Sets `post_mortem_updated_at` and `updated_at` to now() in the same statement. A lost
    /// connection is thrown; a refusal of this one row is returned as ``WriteOutcome/rejected(_:)``.
    func writePostMortem(id: String, text: String, expected: String?) throws(PostgresError) -> WriteOutcome {
        let touch = schema.hasUpdatedAt ? ", updated_at = now()" : ""
        let sql = """
            UPDATE incidents SET post_mortem_md = $2, post_mortem_updated_at = now()\(touch)
            WHERE id = $1::uuid AND status = 'resolved' AND post_mortem_md IS NOT DISTINCT FROM $3::text
            """
        do {
            let result = try connection.query(sql, [id, text, expected], action: "Writing the post-mortem of \(id)")
            return result.affectedRows == 1 ? .written : .conflict
        } catch {
            guard error.kind == .statement else { throw error }
            return .rejected(error)
        }
    }

    /// Reads incidents and their events in one read-only snapshot, with times in UTC.
    private func readWithEvents(_ sql: String, _ parameters: [String?], action: String) throws(PostgresError)
        -> [Incident]
    {
        _ = try connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", action: action)
        do {
            _ = try connection.query(
                "SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)",
                action: action)
            var incidents = try connection.query(sql, parameters, action: action).rows.map(Self.incident)
            if !incidents.isEmpty {
                let events = try connection.query(
                    schema.eventsQuery, [Self.arrayLiteral(incidents.map(\.id))], action: "\(action): their timelines")
                var byIncident: [String: [IncidentEvent]] = [:]
                for row in events.rows {
                    guard let id = row[0], let status = row[1], let time = row[2].flatMap({ Timestamp(epochText: $0[...]) })
                    else { continue }
                    byIncident[id, default: []].append(IncidentEvent(status: status, time: time))
                }
                let recurrence = try self.recurrence(of: incidents, action: "\(action): earlier similar incidents")
                for index in incidents.indices {
                    incidents[index].events = byIncident[incidents[index].id] ?? []
                    incidents[index].recurrence = recurrence[incidents[index].id] ?? incidents[index].recurrence
                }
            }
            _ = try connection.query("COMMIT", action: action)
            return incidents
        } catch {
            if error.kind != .connectionLost { _ = try? connection.query("ROLLBACK", action: action) }
            throw error
        }
    }

    /// The earlier look-alikes of every incident of a batch, in one query.
    private func recurrence(of incidents: [Incident], action: String) throws(PostgresError) -> [String: Recurrence] {
        let rows = try connection.query(schema.recurrenceQuery, [Self.arrayLiteral(incidents.map(\.id))], action: action).rows
        var result: [String: Recurrence] = [:]
        for row in rows {
            guard let id = row[0], let total = row[1].flatMap({ Int($0) }), let pastID = row[2],
                let created = row[5].flatMap({ Timestamp(epochText: $0[...]) })
            else { continue }
            let past = Recurrence.Past(
                id: pastID, title: row[3] ?? "", severity: row[4] ?? "", createdAt: created,
                resolvedAt: row[6].flatMap { Timestamp(epochText: $0[...]) })
            result[id, default: Recurrence(count: total, latest: [])].latest.append(past)
        }
        return result
    }

    /// A PostgreSQL array literal of UUIDs; the caller has validated each one.
    private static func arrayLiteral(_ ids: [String]) -> String {
        "{" + ids.joined(separator: ",") + "}"
    }

    /// Builds an incident from a row of ``Schema/incidentColumns``.
    private static func incident(_ row: [String?]) -> Incident {
        func text(_ index: Int) -> String? {
            guard let value = row[index], value.contains(where: { !$0.isWhitespace }) else { return nil }
            return value
        }
        func time(_ index: Int) -> Timestamp? {
            row[index].flatMap { Timestamp(epochText: $0[...]) }
        }
        var incident = Incident(
            id: row[0] ?? "", title: row[1] ?? "", target: row[2] ?? "", severity: row[3] ?? "",
            status: row[4] ?? "", sourceType: text(5) ?? "container",
            createdAt: time(6) ?? Timestamp(microseconds: 0))
        incident.containerRuntime = text(7)
        incident.incidentType = text(8)
        incident.serverName = text(9)
        incident.fingerprint = text(10)
        incident.logs = text(11)
        incident.agentReasoning = text(12)
        incident.proposedAction = text(13)
        incident.actionResult = text(14)
        incident.actionError = text(15)
        incident.approvedBy = text(16)
        if let metrics = row[17] {
            do {
                incident.metricsSnapshot = try JSONValue(parsing: metrics)
            } catch {
                incident.unparsableMetrics = metrics
            }
        }
        incident.postMortem = row[18]
        incident.postMortemUpdatedAt = time(19)
        incident.executedAt = time(20)
        incident.resolvedAt = time(21)
        incident.updatedAt = time(22)
        return incident
    }
}
