import Mustache

extension CompiledTemplate {
    /// Renders compiled templates into one growing string, with swift-mustache's lookup rules.
    ///
    /// The model is dictionaries keyed by `String`, arrays, strings and booleans, as the report
    /// model builds it. Names climb the context stack from the innermost value outwards; a
    /// dotted name's later parts are looked up only in what its first part found.
    struct Renderer {
        let templates: [String: CompiledTemplate]
        let escape: (String) -> String
        private(set) var output = ""
        private var stack: [Any]

        init(templates: [String: CompiledTemplate], model: Any, escape: @escaping (String) -> String) {
            self.templates = templates
            self.escape = escape
            self.stack = [model]
            output.reserveCapacity(16 * 1024)
        }

        mutating func render(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    output += text
                case .variable(let name, let escaped):
                    guard let value = look(up: name) else { continue }
                    let text = value as? String ?? String(describing: value)
                    output += escaped ? escape(text) : text
                case .section(let name, let inverted, let children):
                    renderSection(children, value: look(up: name), inverted: inverted)
                case .partial(let name):
                    if let template = templates[name] { render(template.nodes) }
                }
            }
        }

        private mutating func renderSection(_ children: [Node], value: Any?, inverted: Bool) {
            // The model's own types first: a cast to a protocol costs a conformance look-up.
            switch value {
            case let flag as Bool:
                if flag != inverted { render(children) }
            case let text as String:
                guard !inverted else { return }
                stack.append(text)
                render(children)
                stack.removeLast()
            case let object as [String: Any]:
                guard !inverted else { return }
                stack.append(object)
                render(children)
                stack.removeLast()
            case let list as [[String: Any]]:
                renderList(children, list, inverted: inverted, whole: list)
            case let sequence as any MustacheSequence:
                renderList(children, Self.elements(of: sequence), inverted: inverted, whole: sequence)
            case .some(let value):
                guard !inverted else { return }
                stack.append(value)
                render(children)
                stack.removeLast()
            case .none:
                if inverted { render(children) }
            }
        }

        /// Renders `children` once per element, or once with the empty list itself when inverted.
        private mutating func renderList<Element>(_ children: [Node], _ elements: [Element], inverted: Bool, whole: Any) {
            if inverted {
                guard elements.isEmpty else { return }
                stack.append(whole)
                render(children)
                stack.removeLast()
                return
            }
            for element in elements {
                stack.append(element)
                render(children)
                stack.removeLast()
            }
        }

        private static func elements<S: Sequence>(of sequence: S) -> [Any] {
            sequence.map { $0 as Any }
        }

        private func look(up name: Name) -> Any? {
            guard let first = name.parts.first else { return stack.last }
            var found: Any?
            if name.topOnly {
                found = stack.last.flatMap { Self.child(first, of: $0) }
            } else {
                for object in stack.reversed() {
                    if let child = Self.child(first, of: object) {
                        found = child
                        break
                    }
                }
            }
            for part in name.parts.dropFirst() {
                guard let object = found else { return nil }
                found = Self.child(part, of: object)
            }
            return found
        }

        private static func child(_ name: String, of object: Any) -> Any? {
            if let dictionary = object as? [String: Any] { return dictionary[name] }
            if let dictionary = object as? [String: String] { return dictionary[name] }
            return (object as? MustacheParent)?.child(named: name)
        }
    }
}
