/// Earlier look-alikes of a batch's incidents (see ``Recurrence`` and ``RecurrenceWays``).
extension IncidentStore {
    /// Builds this connection's temporary table of every resolved incident's look-alikes, once,
    /// for the batches after it to read (``RecurrenceWays/createTable``): a few sorted passes over
    /// the table instead of one join per batch. Where the role may not create temporary tables
    /// (no TEMP privilege, a read-only server) the batches go on joining pairs.
    ///
    /// The table holds the incidents as they were when it was built; an incident resolved later
    /// is looked up by joining pairs.
    func prepareLookalikes() throws(PostgresError) {
        guard !triedLookalikes, !schema.recurrenceWays.isEmpty else { return }
        triedLookalikes = true
        let action = "Listing earlier similar incidents"
        try begin(readOnly: false)
        do {
            _ = try connection.query(schema.recurrenceWays.createTable, action: action)
            _ = try connection.query("ALTER TABLE pg_temp.\(RecurrenceWays.table) ADD PRIMARY KEY (id)", action: action)
            try commit()
            hasLookalikes = true
        } catch {
            rollback()
            guard let state = error.sqlState, [.insufficientPrivilege, .readOnlySQLTransaction].contains(state) else { throw error }
        }
    }

    /// The earlier look-alikes of every incident whose id is in `ids` (an array literal), in one query.
    func recurrence(ids: String, action: String) throws(PostgresError) -> [String: Recurrence] {
        let ways = schema.recurrenceWays
        let rows = try connection.query(hasLookalikes ? ways.tableQuery : ways.pairsQuery, [ids], action: action).rows
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
        for id in result.keys {
            result[id]?.latest.sort { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id }
        }
        return result
    }
}
