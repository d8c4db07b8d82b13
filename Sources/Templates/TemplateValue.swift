/// A value a template renders: text, a flag, a list, or an object of named values.
///
/// The report model is built from these rather than from `Any`, so the renderer switches on a
/// case where it would otherwise cast, and building an object appends to arrays where a
/// dictionary would hash every key.
public enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// The same value as swift-mustache takes it: strings, booleans, arrays and dictionaries.
    public var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let values): values.map(\.mustacheValue)
        case .object(let object): object.mustacheValue
        }
    }
}

/// Named values, looked up by name; setting a name again replaces its value.
///
/// Objects are small (a few dozen names at most) and their names short, so a scan of the names
/// costs less than hashing one; each name carries a ``key`` of its length and end bytes, so the
/// scan compares integers and compares text only where they match.
public struct TemplateObject: Sendable {
    /// A name and its value.
    public struct Member: Sendable {
        public let name: String
        let key: UInt32
        public var value: TemplateValue

        init(name: String, key: UInt32, value: TemplateValue) {
            self.name = name
            self.key = key
            self.value = value
        }
    }

    /// Every name with its value, in the order they were first set.
    public private(set) var members: [Member] = []

    /// An empty object, with room for the dozen or so names most objects get.
    public init() {
        members.reserveCapacity(16)
    }

    /// The value of `name`; setting `nil` removes it.
    public subscript(name: String) -> TemplateValue? {
        get {
            index(of: name, key: Self.key(name)).map { members[$0].value }
        }
        set {
            let key = Self.key(name)
            switch (index(of: name, key: key), newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(name: name, key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The value of `name`, whose ``key(_:)`` is `key`.
    func value(named name: String, key: UInt32) -> TemplateValue? {
        index(of: name, key: key).map { members[$0].value }
    }

    private func index(of name: String, key: UInt32) -> Int? {
        for index in members.indices where members[index].key == key && members[index].name == name { return index }
        return nil
    }

    /// A name's UTF-8 length, first byte and last byte in one integer: names that differ in
    /// any of them differ.
    static func key(_ name: String) -> UInt32 {
        func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return UInt32(truncatingIfNeeded: min(bytes.count, 0xFFFF)) << 16 | UInt32(first) << 8 | UInt32(last)
        }
        // Names are native strings, whose bytes are read in place; any other is copied first.
        if let found = name.utf8.withContiguousStorageIfAvailable(key) { return found }
        var copy = name
        return copy.withUTF8(key)
    }

    /// The object as swift-mustache takes it: a dictionary.
    public var mustacheValue: [String: Any] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.value.mustacheValue) })
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral text: String) { self = .text(text) }
    public init(booleanLiteral flag: Bool) { self = .flag(flag) }
    public init(arrayLiteral values: TemplateValue...) { self = .list(values) }
    public init(dictionaryLiteral members: (String, TemplateValue)...) { self = .object(TemplateObject(members)) }
}

extension TemplateObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral members: (String, TemplateValue)...) {
        self.init(members)
    }

    /// An object with `members`, whose names differ, as in a dictionary literal.
    public init(_ members: [(String, TemplateValue)]) {
        assert(Set(members.map(\.0)).count == members.count, "a name given twice")
        // Room for the few names a model sets after the literal (most objects get up to seven).
        self.members.reserveCapacity(members.count + 8)
        for (name, value) in members { self.members.append(Member(name: name, key: Self.key(name), value: value)) }
    }
}
