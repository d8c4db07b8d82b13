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
        let file: RulesFile
        do {
            file = try JSONDecoder().decode(RulesFile.self, from: data)
        } catch let error as DecodingError {
            throw RulesFileError(path: path, reason: RulesFile.reason(error))
        } catch {
            throw RulesFileError(path: path, reason: "it is not a JSON object")
        }
        let builtIn = builtInRules
        for name in file.disable where !builtIn.contains(where: { $0.name == name }) {
            throw RulesFileError(
                path: path,
                reason: "`disable` names '\(name)', which is not a built-in rule (\(builtIn.map(\.name).joined(separator: ", ")))")
        }
        var rules = builtIn.filter { !file.disable.contains($0.name) }
        for entry in file.rules {
            let triggers = entry.triggers ?? []
            guard triggers.allSatisfy({ $0.count >= 2 && $0 == $0.lowercased() }) else {
                throw RulesFileError(
                    path: path,
                    reason: "redaction rule '\(entry.name)': `triggers` must be a list of lower-case words of two characters or more")
            }
            guard !rules.contains(where: { $0.name == entry.name }) else {
                throw RulesFileError(path: path, reason: "redaction rule '\(entry.name)' is defined twice")
            }
            do {
                rules.append(
                    try RedactionRule(name: entry.name, pattern: entry.pattern, replacement: entry.replacement, triggers: triggers))
            } catch {
                throw RulesFileError(path: path, reason: error.description)
            }
        }
        return Redactor(rules: rules)
    }
}

/// A rules file as JSON has it: `rules` and `disable`, both optional, and nothing else.
private struct RulesFile: Decodable {
    struct Rule: Decodable {
        var name: String
        var pattern: String
        var replacement: String?
        var triggers: [String]?
    }

    var rules: [Rule]
    var disable: [String]

    private enum Key: String, CodingKey, CaseIterable {
        case rules, disable
    }

    /// Any key, to name the ones a file should not have.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            .filter { Key(rawValue: $0) == nil }
        guard unknown.isEmpty else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "unknown key(s) \(unknown.sorted().joined(separator: ", "))"))
        }
        let container = try decoder.container(keyedBy: Key.self)
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
        disable = try container.decodeIfPresent([String].self, forKey: .disable) ?? []
    }

    /// What is wrong with the file, in its own terms: which key, which rule.
    static func reason(_ error: DecodingError) -> String {
        let (path, description): ([CodingKey], String) =
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                (context.codingPath, context.debugDescription)
            case .keyNotFound(_, let context): (context.codingPath, "")
            @unknown default: ([], "")
            }
        let rule = path.dropFirst().first?.intValue.map { "rule \($0 + 1)" }
        switch (path.first?.stringValue, path.dropFirst(2).first?.stringValue) {
        case (nil, _): return description.hasPrefix("unknown key") ? description : "it is not a JSON object"
        case ("disable"?, _): return "`disable` must be a list of rule names"
        case ("rules"?, nil) where rule == nil: return "`rules` must be a list of objects"
        case ("rules"?, "replacement"?): return "\(rule ?? "a rule"): `replacement` must be text"
        case ("rules"?, "triggers"?): return "\(rule ?? "a rule"): `triggers` must be a list of lower-case words of two characters or more"
        case ("rules"?, _):
            if case .keyNotFound = error { return "\(rule ?? "a rule") needs a `name` and a `pattern`" }
            return "\(rule ?? "a rule") must be an object with a `name` and a `pattern` (text)"
        default: return "it is not a JSON object"
        }
    }
}
