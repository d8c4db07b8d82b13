import Foundation
import Testing
import TestSupport
@testable import PostMortem
@testable import Templates

/// Keeps docs/templates.md true: it lists exactly the variables the model provides, and every partial.
struct TemplateReferenceTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/templates.md")

    /// Every key path of `value`: `a.b` for nested dictionaries, `a[].b` inside arrays.
    static func paths(_ value: Any, prefix: String = "") -> Set<String> {
        var result = Set<String>()
        switch value {
        case let dictionary as [String: Any]:
            for (key, child) in dictionary {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                result.insert(path)
                result.formUnion(paths(child, prefix: path))
            }
        case let array as [Any]:
            let elements = array.compactMap { $0 as? [String: Any] }
            if !elements.isEmpty {
                result.formUnion(paths(TemplateLint.union(elements), prefix: prefix + "[]"))
            }
        default:
            break
        }
        return result
    }

    /// The backticked names in the first column of the reference's tables.
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: reference, encoding: .utf8)
        var names = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            names.insert(String(cell))
        }
        return names
    }

    /// The four measures share one shape, documented once as `durations.<measure>`.
    static func normalised(_ path: String) -> String {
        var path = path
        for name in ["durations.list[]"] + KeyDurations.names.map({ "durations.\($0)" }) where path.hasPrefix(name) {
            path = "durations.<measure>" + path.dropFirst(name.count)
        }
        return path
    }

    @Test func listsExactlyTheModelsVariables() throws {
        let model = SampleIncidents.model(
            generator: .init(version: "0", templateSet: "builtin:en"), settings: ReportSettings.builtIn())
        let provided = Set(Self.paths(model).map(Self.normalised))
        let documented = try Self.documented().filter { !$0.hasSuffix(".mustache") }
        if ProcessInfo.processInfo.environment["PRINT_PATHS"] == "1" { print(provided.sorted().joined(separator: "\n")) }
        #expect(provided.subtracting(documented).sorted() == [], "variables missing from docs/templates.md")
        #expect(documented.subtracting(provided).sorted() == [], "documented variables the model does not provide")
    }

    @Test func listsEveryBuiltInTemplate() throws {
        let files = Set(TemplateSet.builtInFiles(locale: "en").keys.filter { $0.hasSuffix(".mustache") })
        let documented = try Self.documented().filter { $0.hasSuffix(".mustache") }
        #expect(files == documented)
    }
}
