import Foundation

/// One connection's turn in a run, on a thread of its own: it writes and commits the batch the
/// connection holds, then claims the next batch once told which.
///
/// `generate` gives two connections alternate turns, so that the server writes one batch and
/// reads the next while the client renders a third. `store` is used only by the turn's thread
/// until ``wait()`` returns, then only by the caller. The caller tells each turn exactly once
/// what to claim (``claim(after:through:limit:lookalikes:)``) or that there is nothing more
/// (``stop()``).
final class ConnectionTurn: @unchecked Sendable {
    let store: IncidentStore
    private let group = DispatchGroup()
    private let told = DispatchSemaphore(value: 0)
    private var request: Request?
    private var isTold = false
    private var outcome: Result<Finished, PostgresError>?

    private struct Request {
        var after: String?
        var through: String?
        var limit: Int
        var lookalikes: Bool
    }

    /// What a turn did.
    struct Finished {
        /// The outcomes of its writes, in their order.
        var written: [IncidentStore.WriteOutcome] = []
        /// The batch it claimed, with its transaction open on ``store``; empty (and no
        /// transaction open) when told to stop or when nothing was left.
        var batch: [Incident] = []
        /// How many incidents it asked for: fewer back means the selection is exhausted.
        var requested = 0
    }

    /// Starts a turn that writes `writes` and commits, unless `writes` is `nil` (the
    /// connection holds no batch), then waits to be told what to claim.
    init(store: IncidentStore, writes: [IncidentStore.Write]?, query: IncidentStore.Query, readOnly: Bool) {
        self.store = store
        group.enter()
        // A thread of its own: the rendering occupies the dispatch pool's workers, and the
        // turn mostly waits on the server.
        let thread = Thread {
            self.outcome = self.run(writes: writes, query: query, readOnly: readOnly)
            self.group.leave()
        }
        thread.start()
    }

    private func run(writes: [IncidentStore.Write]?, query: IncidentStore.Query, readOnly: Bool) -> Result<Finished, PostgresError> {
        var finished = Finished()
        if let writes {
            do {
                finished.written = try store.writePostMortems(writes)
                try store.commit()
            } catch {
                store.rollback()
                return .failure(error)
            }
        }
        told.wait()
        guard let request else { return .success(finished) }
        finished.requested = request.limit
        do {
            if request.lookalikes { try store.prepareLookalikes() }
            try store.begin(readOnly: readOnly)
        } catch {
            return .failure(error)
        }
        do {
            finished.batch = try store.batch(
                query, after: request.after, through: request.through, limit: request.limit, lock: !readOnly)
            // Nothing claimed: no batch holds the transaction, so it ends here, and the
            // connection is free for whatever the run does next.
            if finished.batch.isEmpty { store.rollback() }
            return .success(finished)
        } catch {
            store.rollback()
            return .failure(error)
        }
    }

    /// Tells the turn to claim up to `limit` incidents with ids after `after` and up to
    /// `through`, building the connection's table of look-alikes first with `lookalikes`.
    func claim(after: String?, through: String?, limit: Int, lookalikes: Bool) {
        guard !isTold else { return }
        isTold = true
        request = Request(after: after, through: through, limit: limit, lookalikes: lookalikes)
        told.signal()
    }

    /// Tells the turn there is nothing more to claim.
    func stop() {
        guard !isTold else { return }
        isTold = true
        told.signal()
    }

    /// What the turn did, once done; its claimed batch's transaction is open on ``store``.
    func wait() throws(PostgresError) -> Finished {
        group.wait()
        guard let outcome else { return Finished() }
        return try outcome.get()
    }

    /// Stops the turn and gives back any batch it claimed, for a run that ends early.
    func abandon() {
        stop()
        if let finished = try? wait(), !finished.batch.isEmpty { store.rollback() }
    }
}
