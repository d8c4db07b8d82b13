/// Finds the variable names a template set uses that a model does not provide.
///
/// swift-mustache renders an unknown name as nothing, so a typo in a template silently drops a
/// fact. This walks every document the way the renderer does — sections push their value,
/// partials share the caller's context, names climb outwards — against a sample model that has
/// every key, and reports each name found nowhere on the context stack.
public struct TemplateLint {
    /// A name used in a template that the model does not provide.
    public struct UnknownName: Sendable, Equatable, CustomStringConvertible {
        public var template: String
        public var line: Int
        public var column: Int
        public var name: String

        public var description: String {
            "\(template):\(line):\(column): '\(name)' is not a template variable; it would render as nothing"
        }
    }

    private let sources: [String: String]
    private var found: [UnknownName] = []
    private var visiting: [String] = []

    /// Checks every document in `documents` (and the partials they include) against `model`.
    public static func unknownNames(in set: TemplateSet, documents: [String], model: [String: Any]) -> [UnknownName] {
        var lint = TemplateLint(sources: set.sources)
        for document in documents {
            lint.walk(document, stack: [model])
        }
        var seen = Set<String>()
        return lint.found.filter { seen.insert($0.description).inserted }
    }

    private init(sources: [String: String]) {
        self.sources = sources
    }

    private struct Tag {
        var kind: Character?
        var name: String
        var line: Int
        var column: Int
    }

    private mutating func walk(_ template: String, stack: [Any]) {
        guard let text = sources[template], !visiting.contains(template), visiting.count < 32 else { return }
        visiting.append(template)
        defer { visiting.removeLast() }
        var stack = stack
        var opened: [Bool] = []  // whether each open section pushed a context
        for tag in Self.tags(in: text) {
            switch tag.kind {
            case "!", "=", "%": continue
            case ">": walk(tag.name, stack: stack)
            case "/":
                if opened.popLast() == true { stack.removeLast() }
            case "#", "^":
                let value = resolve(tag, in: stack, template: template)
                let pushes = tag.kind == "#" && value.map { !($0 is Bool) } == true
                if pushes, let value { stack.append(Self.merged(value)) }
                opened.append(pushes)
            default:
                _ = resolve(tag, in: stack, template: template)
            }
        }
    }

    /// The value a name refers to, recording it as unknown when nothing provides it.
    private mutating func resolve(_ tag: Tag, in stack: [Any], template: String) -> Any? {
        var name = tag.name
        // A transform, `name(variable)`, applies to the variable inside the parentheses.
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
        if name == "." || name.isEmpty { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        let candidates: [Any] = name.hasPrefix(".") ? [stack.last as Any] : stack.reversed()
        for context in candidates {
            guard var value = (context as? [String: Any])?[parts[0]] else { continue }
            for part in parts.dropFirst() {
                guard let child = (Self.merged(value) as? [String: Any])?[part] else {
                    found.append(UnknownName(template: template, line: tag.line, column: tag.column, name: name))
                    return nil
                }
                value = child
            }
            return value
        }
        found.append(UnknownName(template: template, line: tag.line, column: tag.column, name: name))
        return nil
    }

    /// An array's elements merged into one dictionary, recursively, so keys present on only
    /// some elements count.
    private static func merged(_ value: Any) -> Any {
        guard let array = value as? [Any] else { return value }
        var result: [String: Any] = [:]
        for case let element as [String: Any] in array {
            result = union(result, element)
        }
        return array.isEmpty || result.isEmpty ? (array.first ?? [:]) : result
    }

    /// Several models as one: dictionaries merged recursively, arrays concatenated, and
    /// otherwise the first value kept.
    public static func union(_ models: [[String: Any]]) -> [String: Any] {
        models.reduce(into: [:]) { result, model in result = union(result, model) }
    }

    private static func union(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
        a.merging(b) { old, new in
            switch (old, new) {
            case (let old as [String: Any], let new as [String: Any]): union(old, new)
            case (let old as [Any], let new as [Any]): old + new
            default: old
            }
        }
    }

    /// Every `{{…}}` tag with its kind (`#`, `^`, `/`, `>`, `!`, `&`, `{`, …) and 1-based position.
    private static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                var body = rest[open.upperBound...]
                let triple = body.first == "{"
                if triple { body = body.dropFirst() }
                guard let close = body.range(of: triple ? "}}}" : "}}") else { break }
                var content = body[..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
                var kind: Character? = triple ? "{" : nil
                if let first = content.first, "#^/>!&=%$<".contains(first), !triple {
                    kind = first
                    content = content.dropFirst()
                }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                tags.append(Tag(kind: kind, name: content.trimmingCharacters(in: .whitespaces), line: number + 1, column: column))
                rest = body[close.upperBound...]
            }
        }
        return tags
    }
}
