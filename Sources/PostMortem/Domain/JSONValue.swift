/// A JSON document as PostgreSQL returned it, with numbers kept exactly as written.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number's literal text, such as `12.50` or `1e3`, never re-formatted.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order (PostgreSQL's jsonb output sorts keys by length, then bytes).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// A leaf value: its path from the root and its text.
    public struct Leaf: Sendable, Equatable {
        /// Dotted path, with `[i]` for array elements; empty for a scalar document.
        public let path: String
        /// The value's text: a string as stored, a number's literal, `true`, `false`, `null`,
        /// or `{}` / `[]` for an empty container.
        public let value: String
    }

    /// Every leaf in document order.
    public var leaves: [Leaf] {
        var result: [Leaf] = []
        collectLeaves(prefix: "", into: &result)
        return result
    }

    private func collectLeaves(prefix: String, into result: inout [Leaf]) {
        switch self {
        case .null: result.append(Leaf(path: prefix, value: "null"))
        case .bool(let value): result.append(Leaf(path: prefix, value: value ? "true" : "false"))
        case .number(let text), .string(let text): result.append(Leaf(path: prefix, value: text))
        case .array(let values):
            if values.isEmpty { result.append(Leaf(path: prefix, value: "[]")) }
            for (index, value) in values.enumerated() {
                value.collectLeaves(prefix: "\(prefix)[\(index)]", into: &result)
            }
        case .object(let members):
            if members.isEmpty { result.append(Leaf(path: prefix, value: "{}")) }
            for member in members {
                value(member.value, key: member.key, prefix: prefix, into: &result)
            }
        }
    }

    private func value(_ child: JSONValue, key: String, prefix: String, into result: inout [Leaf]) {
        child.collectLeaves(prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &result)
    }
}
