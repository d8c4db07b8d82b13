/// An incident's id as given on the command line: a UUID, validated once, in canonical
/// lower-case form.
public struct IncidentID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The UUID's canonical text, as the store binds it.
    public let text: String

    /// The id `text` names, or an error saying what an id looks like.
    public init(_ text: String) throws(GenerateError) {
        let lower = text.lowercased()
        let groups = lower.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy { $0.isHexDigit && $0.isASCII } })
        else { throw .invalidIncidentID(text) }
        self.text = lower
    }

    public var description: String { text }

    public static func < (a: IncidentID, b: IncidentID) -> Bool { a.text < b.text }

    /// The UUID halfway between two UUIDs (canonical lower-case form, `low` ≤ `high`), rounded
    /// down; `nil` when either is not one. Splits a range of ids between two connections.
    static func midpoint(_ low: String, _ high: String) -> String? {
        func value(_ text: String) -> (UInt64, UInt64)? {
            let hex = text.filter { $0 != "-" }
            guard hex.count == 32, let upper = UInt64(hex.prefix(16), radix: 16), let lower = UInt64(hex.suffix(16), radix: 16)
            else { return nil }
            return (upper, lower)
        }
        guard let a = value(low), let b = value(high), a <= b else { return nil }
        // (a + b) / 2 on 128 bits: add, then shift the 129-bit sum right by one.
        let (lower, carry) = a.1.addingReportingOverflow(b.1)
        let (partial, overflow1) = a.0.addingReportingOverflow(b.0)
        let (upper, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
        let overflow = overflow1 || overflow2
        let half = (upper >> 1 | (overflow ? 1 << 63 : 0), lower >> 1 | upper << 63)
        let hex = String(half.0, radix: 16).leftPadded(to: 16) + String(half.1, radix: 16).leftPadded(to: 16)
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
