import Testing
@testable import PostMortem

struct DecisionChainTests {
    func chain(_ lifecycle: Lifecycle) -> DecisionChain {
        let incident = lifecycle.incident
        return DecisionChain(incident: incident, timeline: Timeline(incident: incident))
    }

    @Test(arguments: [
        (
            Lifecycle.approvedFix, ["proposed", "approved", "executed", "verifying", "resolvedAfterVerification"],
            DecisionChain.Outcome.approvedFix
        ),
        (.alertmanagerWithEvent, ["resolvedByAlertmanager"], .recoveredOnItsOwn),
        (.alertmanagerWithoutEvent, ["resolvedWithoutEvent"], .resolvedByStatusChange),
        (
            .postponedThenApproved,
            ["proposed", "postponed", "requestedAgain", "approved", "executed", "verifying", "resolvedAfterVerification"],
            .approvedFix
        ),
        (.failedThenAlertmanager, ["proposed", "approved", "executed", "failed", "resolvedByAlertmanager"], .afterFailedAction),
        (.manualPatchNoEvents, ["resolvedWithoutEvent"], .resolvedByStatusChange),
        (.rejectedThenPatch, ["proposed", "rejected", "resolvedWithoutEvent"], .afterRejection),
        (.recoverySweepThenPatch, ["recoverySweep", "resolvedWithoutEvent"], .resolvedByStatusChange),
    ])
    func reconstructsTheChain(lifecycle: Lifecycle, kinds: [String], outcome: DecisionChain.Outcome) {
        let chain = chain(lifecycle)
        #expect(chain.steps.map(\.kind.rawValue) == kinds)
        #expect(chain.outcome == outcome)
    }

    @Test func recordsWhoDecidedWhenAndAfterHowLong() throws {
        let steps = chain(.postponedThenApproved).steps
        let postponed = try #require(steps.first { $0.kind == .postponed })
        #expect(postponed.entry.time == minute(30))
        #expect(postponed.waited?.text == "25m 55s")
        #expect(postponed.actor == nil)  // approved_by now holds the later approval
        let approved = try #require(steps.first { $0.kind == .approved })
        #expect(approved.actor == "luis.perez@example.com")
        #expect(approved.entry.time == minute(95))
        #expect(approved.waited?.text == "15m 00s")
    }

    @Test func takesTheRejectionTimeAndNoteFromTheRow() throws {
        let rejected = try #require(chain(.rejectedThenPatch).steps.first { $0.kind == .rejected })
        #expect(rejected.entry.time == minute(9))
        #expect(rejected.entry.inferredFrom == "executed_at")
        #expect(rejected.actor == "marta.ruiz@example.com")
        #expect(rejected.note == "Reiniciar vacía la caché en hora punta.")
        #expect(rejected.waited?.text == "5m 48s")
    }

    @Test func attributesTheLastPostponementWhenItIsTheFinalDecision() throws {
        var incident = incident(events: [("detected", 0), ("awaiting_approval", 2), ("analyzed", 9)], resolved: nil)
        incident.status = "analyzed"
        incident.approvedBy = "luis@example.com"
        incident.actionError = "[POSPUESTO] esta noche"
        let postponed = try #require(DecisionChain(incident: incident, timeline: Timeline(incident: incident)).steps.last)
        #expect(postponed.kind == .postponed)
        #expect(postponed.actor == "luis@example.com")
        #expect(postponed.note == "esta noche")
    }

    @Test func tellsATriageFailureFromAFailedAction() {
        var incident = incident(events: [("detected", 0), ("investigating", 1), ("failed", 2)], resolved: 20)
        incident.actionError = "Traceback: KeyError 'pod'"
        let kinds = DecisionChain(incident: incident, timeline: Timeline(incident: incident)).steps.map(\.kind)
        #expect(kinds == [.failedWithoutAction, .resolvedWithoutEvent])
    }

    @Test func readsTheRecoverySweepNote() throws {
        let sweep = try #require(chain(.recoverySweepThenPatch).steps.first { $0.kind == .recoverySweep })
        #expect(sweep.note == "Incident stuck in investigating for 30 minutes; marked as failed.")
        #expect(sweep.entry.time == minute(30))
    }
}

struct KeyDurationsTests {
    func durations(_ lifecycle: Lifecycle) -> KeyDurations {
        let incident = lifecycle.incident
        let timeline = Timeline(incident: incident)
        return KeyDurations(incident: incident, timeline: timeline, chain: DecisionChain(incident: incident, timeline: timeline))
    }

    @Test(arguments: [
        (Lifecycle.approvedFix, ["3m 30s", "17m 24s", "8m 30s", "29m 30s"]),
        (.postponedThenApproved, ["4m 00s", "1h 30m 55s", "9m 00s", "1h 44m 00s"]),
        (.failedThenAlertmanager, ["3m 00s", "8m 54s", "12s", "55m 00s"]),
        (.rejectedThenPatch, ["3m 00s", "5m 48s", "n/a", "10h 00m 00s"]),
        (.manualPatchNoEvents, ["unknown", "n/a", "n/a", "3h 10m 00s"]),
        (.alertmanagerWithEvent, ["2m 48s", "n/a", "n/a", "14m 00s"]),
    ])
    func measuresFromKnownTimestamps(lifecycle: Lifecycle, expected: [String]) {
        let texts = durations(lifecycle).all.map { $0.measure.applies ? ($0.measure.span?.text ?? "unknown") : "n/a" }
        #expect(texts == expected)
    }

    @Test func aMissingEndIsUnknownNeverZero() {
        var incident = Lifecycle.alertmanagerWithoutEvent.incident
        incident.resolvedAt = nil
        incident.status = "resolved"
        let timeline = Timeline(incident: incident)
        let value = KeyDurations(incident: incident, timeline: timeline, chain: DecisionChain(incident: incident, timeline: timeline))
        #expect(value.resolve.span == nil)
        #expect(value.resolve.end == nil)
    }

    @Test func aNegativeSpanStaysNegative() {
        let incident = incident(events: [("detected", 0)], resolved: -5)
        let timeline = Timeline(incident: incident)
        let value = KeyDurations(incident: incident, timeline: timeline, chain: DecisionChain(incident: incident, timeline: timeline))
        #expect(value.resolve.span?.text == "-5m 00s")
        #expect(value.resolve.span?.isNegative == true)
    }
}

struct KeyDurationShareTests {
    /// Shares of the time to resolve are whole percentages of known, non-negative spans.
    @Test func sharesOfTheTimeToResolve() throws {
        let incident = Lifecycle.postponedThenApproved.incident
        let timeline = Timeline(incident: incident)
        let durations = KeyDurations(incident: incident, timeline: timeline, chain: DecisionChain(incident: incident, timeline: timeline))
        // 4m 00s, 1h 30m 55s and 9m 00s of 1h 44m 00s.
        #expect(durations.percentOfResolve(durations.triage) == 4)
        #expect(durations.percentOfResolve(durations.decision) == 87)
        #expect(durations.percentOfResolve(durations.executeAndVerify) == 9)
        var unresolved = incident
        unresolved.resolvedAt = nil
        let open = KeyDurations(
            incident: unresolved, timeline: Timeline(incident: unresolved),
            chain: DecisionChain(incident: unresolved, timeline: Timeline(incident: unresolved)))
        #expect(open.percentOfResolve(open.triage) == nil)
    }
}
