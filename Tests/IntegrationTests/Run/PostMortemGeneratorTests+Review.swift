import Foundation
import Testing
import TestSupport
@testable import PostMortem

/// What people fill in a stored post-mortem reaches its generated parts on the next run, once.
extension PostMortemGeneratorTests {
    func stored() throws -> String {
        try #require(try database.postMortem(Fixtures.approved))
    }

    @Test func aPersonsSaveIsReadOnTheNextRunAndOnlyThen() throws {
        _ = try generate()
        let first = try stored()
        #expect(
            first.contains(
                "**Review status: draft.** Still to fill: Review, Impact and detection, Root cause and analysis, "
                    + "Action items, Lessons learned. Not edited by a person yet."))
        // The marker records the post_mortem_updated_at its write set.
        let stamp = try database.execute(
            "SELECT (extract(epoch from post_mortem_updated_at) * 1000000)::bigint::text FROM incidents WHERE id = $1",
            [Fixtures.approved])
        #expect(first.contains("; written \(try #require(stamp.first?.first ?? nil)); "))

        // A person sets the status and fills in the lessons, saving as the dashboard does.
        let edited =
            first
            .replacingOccurrences(of: "| Status | draft |", with: "| Status | in review |")
            .replacingOccurrences(of: "### What went well\n", with: "### What went well\n\nThe alert fired at once.\n")
        try database.execute(
            "UPDATE incidents SET post_mortem_md = $2, post_mortem_updated_at = '2026-10-05 12:00:00+00' WHERE id = $1",
            [Fixtures.approved, edited])
        #expect(try dueCount() == 1)
        let summary = try generate()
        #expect(summary.generated == [Fixtures.approved] && summary.conflicts.isEmpty)
        let second = try stored()
        #expect(
            second.contains(
                "**Review status: in review.** Still to fill: Impact and detection, Root cause and analysis, Action items. "
                    + "Last edited by a person on 2026-10-05 12:00:00."))
        #expect(second.contains("| Status | in review |") && second.contains("The alert fired at once.\n"))
        #expect(try dueCount() == 0)

        // A forced run over documents nothing changed writes none of them.
        let forced = try generate { $0.force = true }
        #expect(forced.generated.isEmpty && forced.unchanged.count == 4)
        #expect(try stored() == second)

        // Regenerated for another reason later, it still knows the person's last save.
        try database.execute("UPDATE incidents SET title = 'payments-api ran out of memory' WHERE id = $1", [Fixtures.approved])
        #expect(try generate().generated == [Fixtures.approved])
        let third = try stored()
        #expect(third.contains("# Post-mortem: payments-api ran out of memory\n"))
        #expect(third.contains("Last edited by a person on 2026-10-05 12:00:00."))
    }
}
