/// Writing post-mortems back, a batch in one round trip.
extension IncidentStore {
    /// What became of one write.
    enum WriteOutcome {
        case written
        /// The row no longer holds what was read (someone changed it), or is no longer resolved.
        case conflict
        /// The server refused this row's write (a constraint, a trigger, a size limit).
        case rejected(PostgresError)
    }

    /// One post-mortem to store: `text`, if the incident's current one is still `expected`.
    struct Write {
        var id: String
        var text: String
        var expected: String?
    }

    /// Stores each write's text as its incident's post-mortem if the current one is still the
    /// expected one; the outcomes are in the order of `writes`.
    ///
    /// Every write sets `post_mortem_updated_at` to now() in the same statement, and nothing
    /// else: `updated_at` is left alone, since Sentinel's dashboard measures MTTR up to it when
    /// no action was executed (where Sentinel's v2 trigger exists, it moves it anyway).
    /// The statements go out in pipeline mode, one round trip for all of them, after one
    /// savepoint of the batch's transaction, as executions of one prepared statement: prepared
    /// and deallocated in that round trip, under a fresh name, so the server plans the write
    /// once per batch instead of once per row. A pooler that renames or refuses named
    /// statements makes the prepare or the deallocate fail: the round trip is rolled back to the
    /// savepoint and this connection writes with one unnamed statement per row from then on.
    ///
    /// When the server refuses a row (a constraint, a trigger, a size limit; returned as
    /// ``WriteOutcome/rejected(_:)``) it skips the rest: the writes roll back to the savepoint and
    /// all but the refused ones are sent again. One savepoint per batch rather than per row keeps
    /// the open transaction under PostgreSQL's 64 cached subtransactions, past which other
    /// sessions' snapshots must look its rows up in pg_subtrans. A lost connection is thrown.
    func writePostMortems(_ writes: [Write]) throws(PostgresError) -> [WriteOutcome] {
        let sql = """
            UPDATE incidents SET post_mortem_md = $2, post_mortem_updated_at = now()
            WHERE id = $1::uuid AND status = 'resolved' AND post_mortem_md IS NOT DISTINCT FROM $3::text
            """
        let action = "Writing \(writes.count) post-mortem(s)"
        func rollBack() throws(PostgresError) {
            _ = try connection.query("ROLLBACK TO SAVEPOINT post_mortems", action: action)
        }
        var outcomes = [WriteOutcome?](repeating: nil, count: writes.count)
        var remaining = Array(writes.indices)
        while !remaining.isEmpty {
            let name = preparesWrites ? writeStatementPrefix + String(UInt64.random(in: .min ... .max), radix: 16) : nil
            var statements = [PostgresConnection.Statement(sql: "SAVEPOINT post_mortems", action: action)]
            if let name { statements.append(.init(form: .prepare(name: name, sql: sql), action: action)) }
            statements += remaining.map { index in
                PostgresConnection.Statement(
                    form: name.map { .execute(name: $0) } ?? .text(sql),
                    parameters: [writes[index].id, writes[index].text, writes[index].expected],
                    action: "Writing the post-mortem of \(writes[index].id)")
            }
            if let name { statements.append(.init(sql: "DEALLOCATE \(name)", action: action)) }
            statements.append(.init(sql: "RELEASE SAVEPOINT post_mortems", action: action))
            let results = try connection.pipeline(statements, action: action)
            if case .failure(let error) = results[0] { throw error }
            let rows = results.dropFirst(name == nil ? 1 : 2).prefix(remaining.count)
            let refused = rows.firstIndex { if case .failure = $0 { true } else { false } }
            if name != nil, !Self.succeeded(results[1]) || (refused == nil && !Self.succeeded(results[results.count - 2])) {
                try rollBack()
                preparesWrites = false
                continue
            }
            // The first refused row: the server skipped everything after it.
            if let refused, case .failure(let error) = results[refused] {
                outcomes[remaining[refused - rows.startIndex]] = .rejected(error)
                try rollBack()
                if let name {
                    do {
                        _ = try connection.query("DEALLOCATE \(name)", action: action)
                    } catch {
                        try rollBack()
                        preparesWrites = false
                    }
                }
                remaining.remove(at: refused - rows.startIndex)
                continue
            }
            if case .failure(let error) = results[results.count - 1] { throw error }
            for (row, index) in zip(rows, remaining) {
                if case .success(let result) = row { outcomes[index] = result.affectedRows == 1 ? .written : .conflict }
            }
            remaining = []
        }
        return outcomes.map { $0 ?? .conflict }
    }

    private static func succeeded(_ result: Result<PostgresRows, PostgresError>?) -> Bool {
        if case .success = result { true } else { false }
    }
}
