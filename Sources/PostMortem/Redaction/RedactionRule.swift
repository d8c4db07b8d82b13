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
    /// How a match is replaced: the secret group only, and, with a key group, only what
    /// ``SecretShape`` takes for a secret.
    private let matchReplacement: PCRE2Pattern.Replacement
    /// With a secret group, only that group's text is replaced; the rest of the match stays.
    let secretGroup: Int?
    /// With a key group as well, a match is redacted only when ``SecretShape`` takes the secret
    /// group's text, assigned to the key group's, for a secret. Such a rule's matches start
    /// where a key holding one of its words starts, and it is tried only there
    /// (``apply(to:atKeysHolding:)``) with this anchored copy of its expression.
    let keyGroup: Int?
    private let anchored: PCRE2Pattern?

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
        var matchReplacement = PCRE2Pattern.Replacement(parts: PCRE2Pattern.replacement(self.replacement), group: secretGroup)
        if let keyGroup, let secretGroup {
            matchReplacement.accept = { groups in
                guard let key = groups[keyGroup], let value = groups[secretGroup] else { return false }
                return SecretShape.isSecret(key: key, value: value)
            }
        }
        self.matchReplacement = matchReplacement
        self.secretGroup = secretGroup
        self.keyGroup = keyGroup
        do {
            anchored = keyGroup == nil || triggers.isEmpty ? nil : try PCRE2Pattern(pattern, anchored: true)
        } catch {
            throw InvalidRule(name: name, reason: "the pattern does not compile: \(error) (\(pattern))")
        }
    }

    /// Whether the rule is tried only where keys start (``apply(to:atKeysHolding:)``).
    var startsAtKeys: Bool { anchored != nil }

    /// `text` with every match replaced, how many there were and where; `nil` without a match.
    func apply(to text: String) -> PCRE2Pattern.Replaced? {
        expression.replacing(in: text, with: matchReplacement)
    }

    /// ``apply(to:)`` for a rule that ``startsAtKeys``: tried only at the start of each key that
    /// holds a word found at `offsets` (UTF-8, in increasing order), which is what it matches
    /// anyway, instead of at every position of the text.
    func apply(to text: String, atKeysHolding offsets: [Int]) -> PCRE2Pattern.Replaced? {
        guard let anchored else { return apply(to: text) }
        var text = text
        // Words of one key (`session_token`) give its starts once.
        var starts: [Int] = []
        text.withUTF8 { bytes in
            for offset in offsets { Self.appendKeyStarts(holding: offset, in: bytes, to: &starts) }
        }
        guard !starts.isEmpty else { return nil }
        return anchored.replacing(in: text, with: matchReplacement, startingAt: starts)
    }

    /// Appends to `starts` (in increasing order, each once) where a key holding the word at
    /// `offset` may start: the start of the run of letters, digits, `_`, `.` and `-` around it,
    /// and each place in the run after a `_`, `.` or `-` up to the word (`KEY-----token`,
    /// `x-auth-token`); none past 128 bytes, which no key name is.
    static func appendKeyStarts(holding offset: Int, in bytes: UnsafeBufferPointer<UInt8>, to starts: inout [Int]) {
        func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        var start = offset
        while start > 0 {
            let byte = bytes[start - 1]
            let letter = byte | 0x20
            guard
                (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || isSeparator(byte)
            else { break }
            start -= 1
            if offset - start > 128 { return }
        }
        var position = max(start, (starts.last ?? -1) + 1)
        while position <= offset {
            if position == start || isSeparator(bytes[position - 1]) { starts.append(position) }
            position += 1
        }
    }
}
