import Testing
@testable import PostMortem

struct DataQualityNoteTests {
    /// Sentinel records no "detected" event for an incident reported by hand: that is how such
    /// incidents are, not a gap to flag. Any other source without it is flagged.
    @Test(arguments: [("manual", false), ("container", true), ("database", true)])
    func aMissingDetectedEventIsAGapUnlessReportedByHand(source: String, flagged: Bool) {
        var incident = Lifecycle.manualPatchNoEvents.incident
        incident.sourceType = source
        let timeline = Timeline(incident: incident)
        let chain = DecisionChain(incident: incident, timeline: timeline)
        let notes = DataQualityNote.notes(
            incident: incident, timeline: timeline, durations: KeyDurations(incident: incident, timeline: timeline, chain: chain),
            metrics: nil)
        let missing = notes.filter { $0.kind == .missingEvent }.compactMap(\.status)
        #expect(missing.contains(.detected) == flagged)
        #expect(missing.contains(.resolved))
    }
}
