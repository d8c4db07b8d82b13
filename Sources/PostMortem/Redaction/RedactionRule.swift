import Foundation

/// One pattern of secret text and what replaces it.
public struct RedactionRule: Sendable {
    public let name: String
    /// The ICU regular expression, as written.
    public let pattern: String
    /// The replacement template; `$1`… refer to groups. Defaults to `[REDACTED:<name>]`.
    public let replacement: String
    /// Lower-case ASCII words of which every match contains at least one, in any case; text
    /// containing none of them is skipped without running the expression (``TriggerWords``).
    /// Empty: always run it.
    let triggers: [String]
    let expression: Expression

    /// An immutable compiled expression; NSRegularExpression is safe to share once built.
    final class Expression: @unchecked Sendable {
        let regex: NSRegularExpression
        init(_ regex: NSRegularExpression) { self.regex = regex }
    }

    /// A rule that does not compile is reported with its name.
    public struct InvalidRule: Error, CustomStringConvertible {
        public let name: String
        public let reason: String
        public var description: String { "redaction rule '\(name)' is invalid: \(reason)" }
    }

    public init(name: String, pattern: String, replacement: String? = nil, triggers: [String] = []) throws(InvalidRule) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw InvalidRule(name: name, reason: "a name is letters, digits, '-' and '_'")
        }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw InvalidRule(name: name, reason: "the pattern does not compile (\(pattern))")
        }
        if regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
            throw InvalidRule(name: name, reason: "the pattern matches empty text")
        }
        self.name = name
        self.pattern = pattern
        self.replacement = replacement ?? "[REDACTED:\(name)]"
        self.triggers = triggers
        self.expression = Expression(regex)
    }

    /// `text` with every match replaced, and how many there were.
    func apply(to text: String) -> (String, Int) {
        let range = NSRange(text.startIndex..., in: text)
        let count = expression.regex.numberOfMatches(in: text, range: range)
        guard count > 0 else { return (text, 0) }
        return (expression.regex.stringByReplacingMatches(in: text, range: range, withTemplate: replacement), count)
    }
}
