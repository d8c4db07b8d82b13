import Testing
@testable import PostMortem

/// `n` minutes after 2026-10-01 08:00:00 UTC, when the test incidents are created.
func minute(_ n: Double) -> Timestamp {
    SampleIncidents.at(n)
}

func incident(
    status: IncidentStatus = .resolved, events: [(IncidentStatus, Double)] = [], executed: Double? = nil,
    resolved: Double? = 30, actionError: String? = nil
) -> Incident {
    var incident = Incident(
        id: "a0000000-0000-4000-8000-000000000001", title: "t", target: "api", severity: "high", status: status,
        createdAt: minute(0))
    incident.events = events.map { IncidentEvent(status: $0.0, time: minute($0.1)) }
    incident.executedAt = executed.map(minute)
    incident.resolvedAt = resolved.map(minute)
    incident.actionError = actionError
    return incident
}

struct TimelineTests {
    @Test func keepsRecordedEventsAndComputesGaps() {
        let timeline = Timeline(incident: incident(events: [("detected", 0), ("analyzed", 2.5), ("resolved", 30)]))
        #expect(timeline.entries.map(\.status) == ["detected", "analyzed", "resolved"])
        #expect(timeline.entries.allSatisfy { $0.inferredFrom == nil })
        #expect(timeline.entries.map { $0.sincePrevious?.text } == [nil, "2m 30s", "27m 30s"])
    }

    @Test func infersMissingEntriesFromColumns() {
        // A manual incident resolved by PATCH: no events at all.
        let timeline = Timeline(incident: incident(events: [], executed: 10, resolved: 45))
        #expect(timeline.entries.map(\.status) == ["detected", "executing_solution", "resolved"])
        #expect(timeline.entries.map(\.inferredFrom) == ["created_at", "executed_at", "resolved_at"])
        #expect(timeline.entries.map(\.time) == [minute(0), minute(10), minute(45)])
    }

    @Test func doesNotInferAnExecutionFromARejection() {
        let timeline = Timeline(
            incident: incident(
                events: [("detected", 0), ("failed", 9)], executed: 9, resolved: 600,
                actionError: "[RECHAZADO] no"))
        #expect(!timeline.entries.contains { $0.status == "executing_solution" })
        #expect(timeline.entries.last?.inferredFrom == "resolved_at")
    }

    @Test func flagsRepeatsAndEventsOutsideTheIncident() {
        let timeline = Timeline(
            incident: incident(events: [
                ("investigating", -1), ("detected", 0), ("investigating", 1), ("investigating", 1),
                ("resolved", 30), ("verifying", 31),
            ]))
        let flags = timeline.entries.map { ($0.status, $0.isBeforeDetection, $0.isRepeated, $0.isAfterResolution) }
        #expect(flags.map(\.1) == [true, false, false, false, false, false])
        #expect(flags.map(\.2) == [false, false, false, true, false, false])
        #expect(flags.map(\.3) == [false, false, false, false, false, true])
    }

    @Test func sortsEventsStoredOutOfOrder() {
        let timeline = Timeline(incident: incident(events: [("resolved", 30), ("detected", 0), ("analyzed", 2)]))
        #expect(timeline.entries.map(\.status) == ["detected", "analyzed", "resolved"])
    }
}

struct DecisionTests {
    @Test(arguments: [
        (nil, nil, [IncidentStatus](), Decision.none),
        (nil, 10.0, [], .approved),
        (nil, nil, ["executing_solution"], .approved),
        ("[RECHAZADO] not now", 9.0, [], .rejected),
        ("[POSPUESTO] tonight", nil, [], .postponed),
        ("stderr text", 10.0, ["executing_solution"], .approved),
    ])
    func tellsDecisionsApart(error: String?, executed: Double?, statuses: [IncidentStatus], expected: Decision) {
        let value = incident(events: statuses.map { ($0, 5) }, executed: executed, actionError: error)
        #expect(Decision(incident: value) == expected)
    }
}
