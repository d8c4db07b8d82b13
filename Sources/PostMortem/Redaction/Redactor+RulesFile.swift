import Foundation

extension Redactor {
    /// A rules file that cannot be used; the run stops before any write.
    public struct RulesFileError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String {
            "cannot use the redaction rules in \(path): \(reason). Expected JSON such as "
                + #"{"rules": [{"name": "internal-host", "pattern": "db-[0-9]+\\.corp", "replacement": "[host]"}], "disable": ["jwt"]}"#
        }
    }

    /// The built-in rules, less those the file disables, plus the file's own (applied after them).
    ///
    /// The file is JSON: `rules`, a list of `{name, pattern, replacement?, triggers?}` (PCRE2
    /// regular expressions, Perl's syntax; the replacement may use `$1`…`$9`; triggers are
    /// lower-case words of which every match holds one), and `disable`, a list of built-in rule
    /// names.
    public static func withRulesFile(_ url: URL) throws(RulesFileError) -> Redactor {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RulesFileError(path: path, reason: "it cannot be read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let file = object as? [String: Any] else {
            throw RulesFileError(path: path, reason: "it is not a JSON object")
        }
        let unknownKeys = Set(file.keys).subtracting(["rules", "disable"])
        guard unknownKeys.isEmpty else {
            throw RulesFileError(path: path, reason: "unknown key(s) \(unknownKeys.sorted().joined(separator: ", "))")
        }
        guard let disabled = (file["disable"] ?? [String]()) as? [String] else {
            throw RulesFileError(path: path, reason: "`disable` must be a list of rule names")
        }
        let builtIn = builtInRules
        for name in disabled where !builtIn.contains(where: { $0.name == name }) {
            throw RulesFileError(
                path: path, reason: "`disable` names '\(name)', which is not a built-in rule (\(builtIn.map(\.name).joined(separator: ", ")))")
        }
        guard let entries = (file["rules"] ?? [Any]()) as? [[String: Any]] else {
            throw RulesFileError(path: path, reason: "`rules` must be a list of objects")
        }
        var rules = builtIn.filter { !disabled.contains($0.name) }
        for (index, entry) in entries.enumerated() {
            guard let name = entry["name"] as? String, let pattern = entry["pattern"] as? String else {
                throw RulesFileError(path: path, reason: "rule \(index + 1) needs a `name` and a `pattern`")
            }
            guard entry["replacement"] == nil || entry["replacement"] is String else {
                throw RulesFileError(path: path, reason: "redaction rule '\(name)': `replacement` must be text")
            }
            let triggers = entry["triggers"] as? [String] ?? []
            guard entry["triggers"] == nil || entry["triggers"] is [String],
                triggers.allSatisfy({ $0.count >= 2 && $0 == $0.lowercased() })
            else {
                throw RulesFileError(
                    path: path, reason: "redaction rule '\(name)': `triggers` must be a list of lower-case words of two characters or more")
            }
            guard !rules.contains(where: { $0.name == name }) else {
                throw RulesFileError(path: path, reason: "redaction rule '\(name)' is defined twice")
            }
            do {
                rules.append(try RedactionRule(
                    name: name, pattern: pattern, replacement: entry["replacement"] as? String, triggers: triggers))
            } catch {
                throw RulesFileError(path: path, reason: error.description)
            }
        }
        return Redactor(rules: rules)
    }
}
