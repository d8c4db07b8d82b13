import Foundation
import Testing
@testable import PostMortem

/// A change in what documents say for the same incident must reach the documents already
/// stored: `ReportModel.version` is part of their inputs hash, and this test fails when the
/// golden documents change while it stays the same.
struct ModelVersionTests {
    /// Each model version and the hash of the golden documents it produced.
    static let recorded: [Int: String] = [
        1: "87ef3831a3aa9fc4",
        2: "0c036ddc235875e0",
        3: "bb79583eaca78213",
        4: "ed438fc004b82650",
        5: "9b3ecf49a5c88c7a",
        6: "21216b78d38e76dd",
        7: "4b40104ccd4983a7",
        8: "0d27bce75b573f40", 9: "9a206de632a19347",
    ]

    @Test func isBumpedWhenTheGoldenDocumentsChange() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ReportRenderingTests.goldenFolder.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count == ReportRenderingTests.cases.count)
        let golden = try names.map { try String(contentsOf: ReportRenderingTests.goldenFolder.appendingPathComponent($0), encoding: .utf8) }
        let digest = XXH64.hex(golden.joined(separator: "\u{0}"))
        #expect(Self.recorded.keys.max() == ReportModel.version, "record the hash of version \(ReportModel.version) here")
        #expect(
            Self.recorded[ReportModel.version] == digest,
            "The golden documents changed: bump ReportModel.version to \(ReportModel.version + 1) and record \(ReportModel.version + 1): \"\(digest)\" here"
        )
    }
}
