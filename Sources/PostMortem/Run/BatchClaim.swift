import Foundation

/// A batch being claimed on its own connection and thread, while the previous batch renders.
///
/// The claim opens a transaction on `store` and reads the batch in it (locking its rows unless
/// it is a dry run); ``wait()`` hands back the batch with that transaction still open, for the
/// caller to write and commit. If the read fails, the transaction is rolled back here.
/// `store` is used only by the claiming thread until ``wait()`` returns, then only by the caller.
final class BatchClaim: @unchecked Sendable {
    let store: IncidentStore
    /// How many incidents were asked for: fewer back means the selection is exhausted.
    let requested: Int
    private let group = DispatchGroup()
    private var outcome: Result<[Incident], PostgresError>?

    /// With `lookalikes`, the store first builds its table of look-alikes, if it has none yet.
    init(store: IncidentStore, query: IncidentStore.Query, after: String?, limit: Int, readOnly: Bool, lookalikes: Bool) {
        self.store = store
        self.requested = limit
        group.enter()
        // A thread of its own: the rendering occupies the dispatch pool's workers, and the
        // claim mostly waits on the server.
        let thread = Thread {
            self.claim(query, after: after, limit: limit, readOnly: readOnly, lookalikes: lookalikes)
            self.group.leave()
        }
        thread.start()
    }

    private func claim(_ query: IncidentStore.Query, after: String?, limit: Int, readOnly: Bool, lookalikes: Bool) {
        do {
            if lookalikes { try store.prepareLookalikes() }
            try store.begin(readOnly: readOnly)
        } catch {
            outcome = .failure(error)
            return
        }
        do {
            outcome = .success(try store.batch(query, after: after, limit: limit, lock: !readOnly))
        } catch {
            store.rollback()
            outcome = .failure(error)
        }
    }

    /// The claimed batch, once read; its transaction is open on ``store``.
    func wait() throws(PostgresError) -> [Incident] {
        group.wait()
        guard let outcome else { return [] }
        return try outcome.get()
    }

    /// Waits for the claim and gives its rows back, for a run that stops early.
    func abandon() {
        if (try? wait()) != nil { store.rollback() }
    }
}
