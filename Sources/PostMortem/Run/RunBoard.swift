import Foundation

/// What the workers of a `generate` run share with it: the batches they may still claim, and
/// the reports they send it, taken in the order they come.
///
/// Every stored property below `condition` is read and written only with it locked.
final class RunBoard: @unchecked Sendable {
    /// What a worker tells the run.
    enum Report: Sendable {
        /// A batch rendered, written and committed, with the outcomes of its writes in order.
        case batch([PostMortemGenerator.Rendered], outcomes: [IncidentStore.WriteOutcome])
        /// The worker has nothing more to claim.
        case finished
        /// The worker stopped on an error; its batch in hand was rolled back.
        case failed(any Error)
    }

    /// A batch a worker may claim.
    struct Claim {
        /// How many incidents to ask for.
        var size: Int
        /// Whether to build the connection's table of look-alikes first.
        var lookalikes: Bool
    }

    /// After how many claims batches find their look-alikes in a table; `nil` for never.
    private let lookalikesAfter: Int?
    private let condition = NSCondition()
    /// How many more incidents the run may claim; `nil` without a limit.
    private var budget: Int?
    /// How many incidents claims that have not found theirs yet asked for.
    private var outstanding = 0
    private var claims = 0
    private var isStopped = false
    private var reports: [Report] = []

    init(limit: Int?, lookalikesAfter: Int?) {
        budget = limit
        self.lookalikesAfter = lookalikesAfter
    }

    /// The next batch to claim, of at most `size` incidents; `nil` once the run's limit is
    /// reached or the run stopped. With the limit reached while another worker's claim is still
    /// out, waits: what that claim does not find can be claimed again.
    func claim(_ size: Int) -> Claim? {
        condition.lock()
        defer { condition.unlock() }
        while !isStopped, budget == 0, outstanding > 0 { condition.wait() }
        let size = min(size, budget ?? size)
        guard !isStopped, size > 0 else { return nil }
        budget = budget.map { $0 - size }
        outstanding += size
        claims += 1
        return Claim(size: size, lookalikes: lookalikesAfter.map { claims > $0 } ?? false)
    }

    /// Settles `claim`, which found `found` incidents: the rest may be claimed again.
    func settle(_ claim: Claim, found: Int) {
        condition.lock()
        defer { condition.unlock() }
        outstanding -= claim.size
        budget = budget.map { $0 + claim.size - found }
        condition.broadcast()
    }

    /// Tells the workers to claim nothing more.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        isStopped = true
        condition.broadcast()
    }

    /// Sends `report` to the run.
    func post(_ report: Report) {
        condition.lock()
        defer { condition.unlock() }
        reports.append(report)
        condition.broadcast()
    }

    /// The oldest report not yet taken, waiting for one.
    func nextReport() -> Report {
        condition.lock()
        defer { condition.unlock() }
        while reports.isEmpty { condition.wait() }
        return reports.removeFirst()
    }
}
