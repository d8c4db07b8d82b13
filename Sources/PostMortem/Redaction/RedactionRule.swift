/// One pattern of secret text and what replaces it.
public struct RedactionRule: Sendable {
    public let name: String
    /// The regular expression (PCRE2, Perl syntax), as written.
    public let pattern: String
    /// The replacement template; `$1`… refer to groups. Defaults to `[REDACTED:<name>]`.
    public let replacement: String
    /// Lower-case ASCII words of which every match contains at least one, in any case; text
    /// containing none of them is skipped without running the expression (``TriggerWords``).
    /// Empty: always run it.
    let triggers: [String]
    /// Whether every match lies within one line: the rule then runs only on the lines that hold
    /// one of its trigger words, never over the whole text (see ``Redactor``).
    let withinLines: Bool
    let expression: PCRE2Pattern
    private let replacementParts: [PCRE2Pattern.ReplacementPart]
    /// With a secret group, only that group's text is replaced; the rest of the match stays.
    let secretGroup: Int?
    /// With a key group as well, a match is redacted only when ``SecretShape`` takes the secret
    /// group's text, assigned to the key group's, for a secret.
    let keyGroup: Int?

    /// A rule that does not compile is reported with its name.
    public struct InvalidRule: Error, CustomStringConvertible {
        public let name: String
        public let reason: String
        public var description: String { "redaction rule '\(name)' is invalid: \(reason)" }
    }

    public init(name: String, pattern: String, replacement: String? = nil, triggers: [String] = []) throws(InvalidRule) {
        try self.init(name: name, pattern: pattern, replacement: replacement, triggers: triggers, withinLines: false)
    }

    init(
        name: String, pattern: String, replacement: String?, triggers: [String], withinLines: Bool,
        secretGroup: Int? = nil, keyGroup: Int? = nil
    ) throws(InvalidRule) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw InvalidRule(name: name, reason: "a name is letters, digits, '-' and '_'")
        }
        let expression: PCRE2Pattern
        do {
            expression = try PCRE2Pattern(pattern)
        } catch {
            throw InvalidRule(name: name, reason: "the pattern does not compile: \(error) (\(pattern))")
        }
        if expression.matches("") {
            throw InvalidRule(name: name, reason: "the pattern matches empty text")
        }
        self.name = name
        self.pattern = pattern
        self.replacement = replacement ?? "[REDACTED:\(name)]"
        self.triggers = triggers
        self.withinLines = withinLines && !triggers.isEmpty
        self.expression = expression
        replacementParts = PCRE2Pattern.replacement(self.replacement)
        self.secretGroup = secretGroup
        self.keyGroup = keyGroup
    }

    /// `text` with every match replaced, and how many there were.
    func apply(to text: String) -> (String, Int) {
        var replacement = PCRE2Pattern.Replacement(parts: replacementParts, group: secretGroup)
        if let keyGroup, let secretGroup {
            replacement.accept = { groups in
                guard let key = groups[keyGroup], let value = groups[secretGroup] else { return false }
                return SecretShape.isSecret(key: key, value: value)
            }
        }
        guard let (replaced, count) = expression.replacing(in: text, with: replacement) else { return (text, 0) }
        return (replaced, count)
    }
}
