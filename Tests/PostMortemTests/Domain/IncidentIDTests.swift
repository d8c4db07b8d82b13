import Testing
@testable import PostMortem

struct IncidentIDTests {
    @Test func acceptsAndLowercasesUUIDs() throws {
        #expect(try IncidentID("A0000000-0000-4000-8000-00000000000F").text == "a0000000-0000-4000-8000-00000000000f")
    }

    @Test(arguments: [
        "", "42", "a0000000-0000-4000-8000-00000000000g", "a0000000000040008000000000000001",
        "a0000000-0000-4000-8000-000000000001'; drop table incidents; --", "ａ0000000-0000-4000-8000-000000000001",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(throws: GenerateError.invalidIncidentID(text)) { try IncidentID(text) }
    }

    @Test(arguments: [
        ("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000001"),
        ("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "7fffffff-ffff-ffff-ffff-ffffffffffff"),
        ("ffffffff-ffff-ffff-ffff-fffffffffffe", "ffffffff-ffff-ffff-ffff-ffffffffffff", "ffffffff-ffff-ffff-ffff-fffffffffffe"),
        ("00000000-0000-0000-ffff-ffffffffffff", "00000000-0000-0001-0000-000000000001", "00000000-0000-0001-0000-000000000000"),
        ("a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000001"),
    ])
    func splitsARangeOfIdsInTheMiddle(low: String, high: String, middle: String) {
        #expect(IncidentID.midpoint(low, high) == middle)
    }

    @Test func hasNoMiddleForWhatIsNotARange() {
        #expect(IncidentID.midpoint("b0000000-0000-4000-8000-000000000000", "a0000000-0000-4000-8000-000000000000") == nil)
        #expect(IncidentID.midpoint("nope", "a0000000-0000-4000-8000-000000000000") == nil)
    }
}
