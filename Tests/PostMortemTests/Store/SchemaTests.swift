import Foundation
import Testing
@testable import PostMortem

struct SchemaTests {
    /// Every column the store decodes is one Sentinel's migrations create, under its own name.
    @Test func decodesColumnsByTheirNamesInSentinelsTable() throws {
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("db/migrations")
        let sql = try FileManager.default.contentsOfDirectory(atPath: migrations.path).filter { $0.hasSuffix(".sql") }
            .map { try String(contentsOf: migrations.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let names = Schema.Column.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            let lower = sql.lowercased()
            #expect(lower.contains("\n    \(name) ") || lower.contains("add column if not exists \(name) "), "\(name)")
        }
        #expect(names.prefix(7) == ["id", "title", "target", "severity", "status", "source_type", "created_at"])
    }
}
