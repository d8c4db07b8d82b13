import Foundation
import Testing
@testable import PostMortem

struct RunSummaryTests {
    /// The JSON summary has every documented key, on one line, and never a value that the text
    /// summary would not show.
    @Test func printsEveryFieldAsJSON() throws {
        var summary = RunSummary()
        summary.generated = ["a", "b"]
        summary.unchanged = ["c"]
        summary.conflicts = [.init(id: "a", region: "summary")]
        summary.failed = [.init(id: "d", reason: "no incident has this id")]
        summary.settlingWritten = [.init(id: "b", reason: "resolved 2m ago")]
        summary.redactions.byRule = ["jwt": 2]
        summary.shortened = 1
        summary.shortenedParts = ["logLines": 1]
        summary.elapsedSeconds = 1.23456
        let json = summary.json
        #expect(!json.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "generated", "unchanged", "conflicts", "skipped", "failed", "dryRun", "dataQuality", "elapsedSeconds", "exitCode",
                "redactions", "settling", "settlingWritten", "shortened", "shortenedParts", "overLimit",
            ])
        #expect(object["generated"] as? Int == 2)
        #expect(object["exitCode"] as? Int == 1)
        #expect(object["elapsedSeconds"] as? Double == 1.235)
        #expect((object["conflicts"] as? [[String: String]]) == [["id": "a", "section": "summary"]])
        #expect((object["failed"] as? [[String: String]]) == [["id": "d", "reason": "no incident has this id"]])
        #expect((object["redactions"] as? [String: Int]) == ["jwt": 2])
        #expect(object["dryRun"] as? Bool == false)
        // Keys sorted, so that two runs' lines compare.
        #expect(json.hasPrefix(#"{"conflicts":"#))
    }
}
