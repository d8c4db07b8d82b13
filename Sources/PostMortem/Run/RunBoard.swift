import Foundation
import Synchronization

/// What the workers of a `generate` run share with it: the batches they may still claim, and
/// the reports they send it, taken in the order they come.
final class RunBoard: Sendable {
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

    private struct State {
        /// How many more incidents the run may claim; `nil` without a limit.
        var budget: Int?
        var claims = 0
        var isStopped = false
        var reports: [Report] = []
    }

    private let state: Mutex<State>
    private let reported = DispatchSemaphore(value: 0)
    /// After how many claims batches find their look-alikes in a table; `nil` for never.
    private let lookalikesAfter: Int?

    init(limit: Int?, lookalikesAfter: Int?) {
        state = Mutex(State(budget: limit))
        self.lookalikesAfter = lookalikesAfter
    }

    /// The next batch to claim, of at most `size` incidents; `nil` once the run's limit is
    /// reached or the run stopped.
    func claim(_ size: Int) -> Claim? {
        state.withLock { state in
            let size = min(size, state.budget ?? size)
            guard !state.isStopped, size > 0 else { return nil }
            state.budget = state.budget.map { $0 - size }
            state.claims += 1
            return Claim(size: size, lookalikes: lookalikesAfter.map { state.claims > $0 } ?? false)
        }
    }

    /// Gives back `count` of a claim's incidents that were not there to claim.
    func giveBack(_ count: Int) {
        state.withLock { state in state.budget = state.budget.map { $0 + count } }
    }

    /// Tells the workers to claim nothing more.
    func stop() {
        state.withLock { $0.isStopped = true }
    }

    /// Sends `report` to the run.
    func post(_ report: Report) {
        state.withLock { $0.reports.append(report) }
        reported.signal()
    }

    /// The oldest report not yet taken, waiting for one.
    func nextReport() -> Report {
        reported.wait()
        return state.withLock { $0.reports.removeFirst() }
    }
}
