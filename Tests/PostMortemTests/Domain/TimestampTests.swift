import Testing
@testable import PostMortem

struct TimestampTests {
    @Test(arguments: [
        ("0", 0 as Int64),
        ("1732888800", 1_732_888_800_000_000),
        ("1732888800.5", 1_732_888_800_500_000),
        ("1732888800.123456", 1_732_888_800_123_456),
        ("-1.25", -1_250_000),
        ("7.1234567", 7_123_456), ("0.000001", 1), ("9223372036854", 9_223_372_036_854_000_000),
    ])
    func parsesEpochText(text: String, microseconds: Int64) {
        #expect(Timestamp(epochText: text[...])?.microseconds == microseconds)
    }

    @Test(arguments: [
        "", "abc", "12.", "1.2.3", "Infinity", "-Infinity", "NaN", "99999999999999999999", "9223372036855", "-", ".5",
        "1.5x", " 1", "+1", "--1", "1e5", "١٢",
    ])
    func rejectsWhatIsNotAFiniteEpoch(text: String) {
        #expect(Timestamp(epochText: text[...]) == nil)
    }

    @Test(arguments: [
        (0 as Int64, "1970-01-01 00:00:00"),
        (951_782_400, "2000-02-29 00:00:00"),
        (1_790_837_999, "2026-10-01 06:59:59"),
        (-1, "1969-12-31 23:59:59"),
        (4_102_444_800, "2100-01-01 00:00:00"),
        (-62_135_596_800, "0001-01-01 00:00:00"), (253_402_300_799, "9999-12-31 23:59:59"),
        (253_402_300_800, "10000-01-01 00:00:00"),
    ])
    func formatsUTC(seconds: Int64, text: String) {
        #expect(Timestamp(microseconds: seconds * 1_000_000).utcText == text)
    }

    @Test func truncatesToTheSecond() {
        #expect(Timestamp(microseconds: 999_999).utcText == "1970-01-01 00:00:00")
        #expect(Timestamp(microseconds: -1).utcText == "1969-12-31 23:59:59")
    }
}

struct SpanTests {
    @Test(arguments: [
        (0 as Int64, "0s"),
        (999_999, "0s"),
        (45_000_000, "45s"),
        (187_000_000, "3m 07s"),
        (7_509_000_000, "2h 05m 09s"),
        (86_400_000_000, "1d 00h 00m"),
        (274_200_000_000, "3d 04h 10m"),
        (-90_000_000, "-1m 30s"),
    ])
    func formats(microseconds: Int64, text: String) {
        #expect(Span(microseconds: microseconds).text == text)
    }

    @Test func isNegativeWhenTheEndIsEarlier() {
        let start = Timestamp(microseconds: 10_000_000)
        #expect(start.duration(to: Timestamp(microseconds: 5_000_000)).isNegative)
        #expect(!start.duration(to: Timestamp(microseconds: 10_000_000)).isNegative)
    }

    /// A duration is what a reader computes from the two times shown, each to the second.
    @Test(
        arguments: [
            (1_999_999, 3_000_000, "2s"), (1_000_000, 2_999_999, "1s"), (10_400_000, 10_100_000, "0s"),
            (-1_500_000, 500_000, "2s"), (29_045_800_000, 34_500_000_000, "1h 30m 55s"),
        ] as [(Int64, Int64, String)])
    func isTheDifferenceOfTheTimesShown(start: Int64, end: Int64, text: String) {
        #expect(Timestamp(microseconds: start).duration(to: Timestamp(microseconds: end)).text == text)
    }
}

struct TimestampParsingTests {
    /// What a person types reads back as the time it names; anything else is not a time.
    @Test(arguments: [
        "2026-10-01 07:40:00", "1970-01-01 00:00:00", "2024-02-29 23:59:59", "1969-12-31 12:30:15", "0001-01-01 00:00:00",
    ])
    func readsWhatItWrites(text: String) throws {
        let time = try #require(Timestamp(utcText: text[...]))
        #expect(time.utcText == text)
    }

    @Test(arguments: ["", "2026-10-01", "2026-02-30 10:00:00", "2026-10-01 24:00:00", "2026-10-01 10:60", "2026-10-01 1:00", "x 10:00"])
    func rejectsWhatIsNoTime(text: String) {
        #expect(Timestamp(utcText: text[...]) == nil)
    }

    @Test func takesMinutesWithoutSeconds() {
        #expect(Timestamp(utcText: "2026-10-01 07:40")?.utcText == "2026-10-01 07:40:00")
    }
}
