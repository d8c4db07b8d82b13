import Testing
@testable import PostMortem

struct DayTests {
    /// Days that exist, leap days by the Gregorian rule, and what is not a day.
    @Test(
        arguments: [
            ("2026-11-01", "2026-11-01"), ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"), ("0001-01-01", "0001-01-01"),
            ("9999-12-31", "9999-12-31"), ("2026-02-31", nil), ("2026-02-29", nil), ("1900-02-29", nil), ("2026-04-31", nil),
            ("2026-13-01", nil), ("2026-00-10", nil), ("2026-01-00", nil), ("0000-01-01", nil), ("2026-1-01", nil),
            ("26-11-01", nil), ("2026/11/01", nil), ("2026-11-01T00:00", nil), ("+026-11-01", nil), ("２０２６-11-01", nil), ("", nil),
        ] as [(String, String?)])
    func readsOnlyDaysThatExist(text: String, expected: String?) {
        #expect(Day(text)?.description == expected)
    }

    @Test func ordersByDate() throws {
        let days = try ["2026-11-02", "2025-12-31", "2026-11-01", "2026-02-01"].map { try #require(Day($0)) }
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-02-01", "2026-11-01", "2026-11-02"])
    }
}
