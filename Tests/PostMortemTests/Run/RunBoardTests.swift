import Foundation
import Synchronization
import Testing
@testable import PostMortem

/// The claims two workers share under `--limit`: what one claim does not find goes to the
/// other, even when the other asked while the limit was used up.
struct RunBoardTests {
    /// Claims `size` on a thread of its own; the result once `done` is signalled.
    final class Claimer: Sendable {
        let result = Mutex<RunBoard.Claim?>(nil)
        let done = DispatchSemaphore(value: 0)

        init(_ board: RunBoard, size: Int) {
            Thread { [self] in
                let claim = board.claim(size)
                result.withLock { $0 = claim }
                done.signal()
            }.start()
        }
    }

    @Test func aClaimWaitsForWhatAnotherClaimDoesNotFind() throws {
        let board = RunBoard(limit: 5, lookalikesAfter: nil)
        let first = try #require(board.claim(5))
        #expect(first.size == 5)
        let second = Claimer(board, size: 5)
        // The limit is used up but the first claim is still out: the second waits.
        #expect(second.done.wait(timeout: .now() + 0.2) == .timedOut)
        board.settle(first, found: 3)
        #expect(second.done.wait(timeout: .now() + 5) == .success)
        #expect(second.result.withLock { $0?.size } == 2)
    }

    @Test func nothingIsLeftOnceEveryClaimFoundItsShare() throws {
        let board = RunBoard(limit: 4, lookalikesAfter: nil)
        let claim = try #require(board.claim(3))
        board.settle(claim, found: 3)
        #expect(board.claim(3)?.size == 1)
        let unlimited = RunBoard(limit: nil, lookalikesAfter: 1)
        #expect(unlimited.claim(100)?.lookalikes == false)
        #expect(unlimited.claim(100)?.lookalikes == true)
    }

    @Test func stoppingWakesAWaitingClaim() throws {
        let board = RunBoard(limit: 2, lookalikesAfter: nil)
        _ = try #require(board.claim(2))
        let waiting = Claimer(board, size: 2)
        board.stop()
        #expect(waiting.done.wait(timeout: .now() + 5) == .success)
        #expect(waiting.result.withLock { $0 } == nil)
        #expect(board.claim(1) == nil)
    }
}
