import Foundation

/// One pattern of secret text and what replaces it.
public struct RedactionRule: Sendable {
    public let name: String
    /// The ICU regular expression, as written.
    public let pattern: String
    /// The replacement template; `$1`… refer to groups. Defaults to `[REDACTED:<name>]`.
    public let replacement: String
    /// Lower-case words of which every match contains at least one; text containing none of
    /// them is skipped without running the expression. Empty: always run it.
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

    /// `text` with every match replaced, and how many there were; `folded` is `text` with ASCII
    /// letters in lower case, to check the triggers.
    func apply(to text: String, folded: FoldedText) -> (String, Int) {
        if !triggers.isEmpty, !triggers.contains(where: folded.contains) { return (text, 0) }
        let range = NSRange(text.startIndex..., in: text)
        let count = expression.regex.numberOfMatches(in: text, range: range)
        guard count > 0 else { return (text, 0) }
        return (expression.regex.stringByReplacingMatches(in: text, range: range, withTemplate: replacement), count)
    }
}

/// A text's UTF-8 bytes with ASCII letters in lower case, for quick case-insensitive look-ups.
struct FoldedText {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether `needle` (lower-case ASCII) occurs: `memchr` to each candidate first byte, then `memcmp`.
    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needle in
            bytes.withUnsafeBufferPointer { haystack in
                guard let first = needle.first, let needleStart = needle.baseAddress, let start = haystack.baseAddress,
                    needle.count <= haystack.count
                else { return false }
                let end = start + haystack.count
                let lastStart = end - needle.count
                var cursor = start
                while cursor <= lastStart,
                    let found = memchr(cursor, Int32(first), lastStart - cursor + 1)?.assumingMemoryBound(to: UInt8.self)
                {
                    if memcmp(found, needleStart, needle.count) == 0 { return true }
                    cursor = UnsafePointer(found) + 1
                }
                return false
            }
        }
    }
}
