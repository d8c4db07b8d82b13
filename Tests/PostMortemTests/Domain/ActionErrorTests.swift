import Testing
@testable import PostMortem

struct ActionErrorTests {
    /// Sentinel's prefixes, with and without a note, and everything else as the command's error.
    @Test(
        arguments: [
            ("[RECHAZADO] Not during peak hours.", ActionError.rejected(note: "Not during peak hours.")),
            ("[RECHAZADO]", .rejected(note: nil)), ("[RECHAZADO]   \n", .rejected(note: nil)),
            ("[POSPUESTO] after the release", .postponed(note: "after the release")),
            ("[RECOVERY] Stuck in investigating for 30 minutes.", .recoverySweep(note: "Stuck in investigating for 30 minutes.")),
            ("Error: container not found", .commandError("Error: container not found")),
            (" [RECHAZADO] indented", .commandError(" [RECHAZADO] indented")), ("[rechazado] x", .commandError("[rechazado] x")),
        ] as [(String, ActionError)])
    func readsWhatTheColumnMeans(text: String, expected: ActionError) {
        #expect(ActionError(text) == expected)
    }

    @Test(arguments: [nil, "", "  \n\t"] as [String?])
    func aBlankColumnIsNothing(text: String?) {
        #expect(ActionError(text) == nil)
    }
}
