import Templates
import Testing
import TestSupport
@testable import PostMortem

struct MetricsReportTests {
    func report(_ json: String?, locale: String = "en") -> MetricsReport? {
        var value = incident()
        value.metricsSnapshot = json.flatMap { try? JSONValue(parsing: $0) }
        return MetricsReport(incident: value, labels: Strings.builtIn(locale).metrics)
    }

    @Test func labelsKnownMetricsInCatalogOrderAndKeepsValuesExact() throws {
        let metrics = try #require(
            report(#"{"restarts_1h": 3, "type": "container", "mem_percent": 99.20, "cpu_percent": 143.75, "extra": {"a": 1}}"#))
        #expect(metrics.type == "container")
        #expect(metrics.rows.map(\.path) == ["mem_percent", "cpu_percent", "restarts_1h", "extra.a"])
        #expect(metrics.rows.map(\.value) == ["99.20", "143.75", "3", "1"])
        #expect(metrics.rows[0].label == "Memory, share of limit")
        #expect(metrics.rows[0].bar == "██████████")
        #expect(metrics.rows[0].isHigh)
        #expect(metrics.rows[1].bar == "██████████")
        #expect(metrics.rows[3].label == nil)
    }

    @Test(arguments: [
        ("89.9", false, "█████████░"), ("90", true, "█████████░"), ("90.0", true, "█████████░"), ("4", false, "░░░░░░░░░░"),
        ("5", false, "█░░░░░░░░░"),
    ])
    func flagsUsageAtOrOverNinety(value: String, high: Bool, bar: String) throws {
        let row = try #require(report(#"{"type": "postgres", "conn_percent": \#(value)}"#)?.rows.first)
        #expect(row.isHigh == high)
        #expect(row.bar == bar)
    }

    @Test func flagsALowCacheHitRatioNotAHighOne() throws {
        let rows = try #require(report(#"{"type": "postgres", "cache_hit_percent": 99.5}"#)?.rows)
        #expect(!rows[0].isHigh && !rows[0].isLow)
        let low = try #require(report(#"{"type": "postgres", "cache_hit_percent": 71}"#)?.rows)
        #expect(low[0].isLow)
    }

    @Test func labelsInSpanish() throws {
        #expect(try #require(report(#"{"type": "postgres", "connections": 5}"#, locale: "es")).rows[0].label == "Conexiones")
    }

    @Test func reportsKnownMetricsOfTheWrongKind() throws {
        let metrics = try #require(report(#"{"type": "kubernetes", "mem_percent": "high", "ready": 1, "cpu_percent": null}"#))
        #expect(metrics.oddValues == ["mem_percent", "ready"])
        #expect(metrics.rows.map(\.value) == ["high", "null", "1"])
    }

    @Test(arguments: [nil, "null", "{}", "[]"])
    func capturesNothingForAnEmptySnapshot(json: String?) {
        #expect(report(json) == nil)
    }

    @Test func showsOtherShapesByPath() throws {
        #expect(try #require(report(#"[{"m": 1}, "x"]"#)).rows.map(\.path) == ["[0].m", "[1]"])
        let value = try #require(report("42")).rows
        #expect(value.map(\.path) == [""])
        #expect(value.map(\.whole) == [.value])
    }
}

struct LogExcerptTests {
    @Test func keepsTheLastLines() throws {
        let logs = (1...60).map { "line \($0)" }.joined(separator: "\n") + "\n\n"
        let excerpt = try #require(LogExcerpt(logs: logs, limit: 50))
        #expect(excerpt.totalLines == 60)
        #expect(excerpt.shownLines == 50)
        #expect(excerpt.isCut)
        #expect(excerpt.text.hasPrefix("line 11\n"))
        #expect(excerpt.text.hasSuffix("line 60"))
    }

    @Test func isWholeWhenShort() throws {
        let excerpt = try #require(LogExcerpt(logs: "a\r\nb", limit: 50))
        #expect(!excerpt.isCut)
        #expect(excerpt.text == "a\nb")
    }

    /// The byte-level check must see every Unicode line break, and nothing else, whatever surrounds it.
    @Test(arguments: [
        ("a\nb", false), ("a\u{0B}b", true), ("a\u{0C}b", true), ("a\rb", true), ("a\u{85}b", true),
        ("a\u{2028}b", true), ("a\u{2029}b", true), ("\u{2027}\u{202A}Ņ\u{C5}", false), ("é\u{85}", true),
        ("ñandú \u{20AC}", false),
    ])
    func findsOtherLineBreaks(text: String, expected: Bool) {
        #expect(LogExcerpt.hasOtherLineBreaks(text) == expected)
        #expect(
            LogExcerpt.hasOtherLineBreaks(text)
                == text.unicodeScalars.contains { "\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) })
    }

    /// The same check on text read eight bytes at a time, with the break at every position of a word.
    @Test(arguments: ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{2027}", "é", "\t"])
    func findsOtherLineBreaksAtEveryOffset(special: String) {
        for offset in 0..<20 {
            let text = String(repeating: "x", count: offset) + special + String(repeating: "y", count: 19 - offset)
            let expected = text.unicodeScalars.contains { "\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }
            #expect(LogExcerpt.hasOtherLineBreaks(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func splitsOnEveryLineBreak() throws {
        let excerpt = try #require(LogExcerpt(logs: "a\u{2028}b\u{85}c", limit: 2))
        #expect(excerpt.text == "b\nc")
        #expect(excerpt.totalLines == 3)
    }

    /// The byte-level excerpt equals splitting the text at `\n` and dropping blank lines from the end.
    @Test(arguments: [0, 1, 3, 50, 1_000])
    func slicesLikeSplittingTheLines(limit: Int) {
        let pieces = ["a", "line two", "", " ", "\t", "\u{A0}", "\u{3000}", "ñandú", "x\u{A0}", "🚨", "\n", "\n\n"]
        var random = SeededRandom(seed: UInt64(limit))
        for _ in 0..<500 {
            var logs = ""
            for _ in 0..<random.below(32) { logs += random.pick(pieces) }
            var lines = logs.split(separator: "\n", omittingEmptySubsequences: false)
            while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
            let excerpt = LogExcerpt(logs: logs, limit: limit)
            #expect(excerpt?.totalLines == (lines.isEmpty ? nil : lines.count), "\(logs.debugDescription)")
            #expect(excerpt?.text == (lines.isEmpty ? nil : lines.suffix(limit).joined(separator: "\n")), "\(logs.debugDescription)")
            #expect(excerpt?.shownLines == (lines.isEmpty ? nil : min(limit, lines.count)))
        }
    }

    @Test(arguments: [nil, "", "\n \n"])
    func isAbsentWithoutLines(logs: String?) {
        #expect(LogExcerpt(logs: logs, limit: 50) == nil)
    }
}
