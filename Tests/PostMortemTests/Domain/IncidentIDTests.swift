import Testing
@testable import PostMortem

struct IncidentIDTests {
    @Test func acceptsAndLowercasesUUIDs() throws {
        #expect(try IncidentID.validated("A0000000-0000-4000-8000-00000000000F") == "a0000000-0000-4000-8000-00000000000f")
    }

    @Test(arguments: ["", "42", "a0000000-0000-4000-8000-00000000000g", "a0000000000040008000000000000001",
                      "a0000000-0000-4000-8000-000000000001'; drop table incidents; --", "ａ0000000-0000-4000-8000-000000000001"])
    func rejectsAnythingElse(text: String) {
        #expect(throws: GenerateError.invalidIncidentID(text)) { try IncidentID.validated(text) }
    }
}
