import Testing
@testable import PostMortem

struct IncidentStatusTests {
    /// Every status Sentinel writes reads back as itself; one it does not know keeps its text.
    @Test(arguments: [
        ("detected", IncidentStatus.detected), ("investigating", .investigating), ("analyzed", .analyzed),
        ("awaiting_approval", .awaitingApproval), ("executing_solution", .executingSolution), ("verifying", .verifying),
        ("resolved", .resolved), ("failed", .failed), ("Resolved", .unknown("Resolved")), ("escalated", .unknown("escalated")),
        ("", .unknown("")),
    ])
    func readsWhatSentinelWrites(text: String, expected: IncidentStatus) {
        #expect(IncidentStatus(text) == expected)
        #expect(IncidentStatus(text).rawValue == text)
    }

    /// The lifecycle's order, which out-of-order events are judged by; failed and unknown have none.
    @Test func ranksTheLifecycle() {
        #expect(IncidentStatus.known.compactMap(\.lifecycleRank) == Array(0...6))
        #expect(IncidentStatus.failed.lifecycleRank == nil)
        #expect(IncidentStatus.unknown("x").lifecycleRank == nil)
    }
}
