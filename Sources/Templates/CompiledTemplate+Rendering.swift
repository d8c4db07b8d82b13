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
        private var stack: [Context]

        /// A value on the context stack, cast once when pushed rather than at every name looked up.
        private enum Context {
            case dictionary([String: Any])
            case strings([String: String])
            case parent(any MustacheParent)
            case other(Any)

            init(_ value: Any) {
                switch value {
                case let dictionary as [String: Any]: self = .dictionary(dictionary)
                case let strings as [String: String]: self = .strings(strings)
                case let parent as any MustacheParent: self = .parent(parent)
                default: self = .other(value)
                }
            }

            var value: Any {
                switch self {
                case .dictionary(let dictionary): dictionary
                case .strings(let strings): strings
                case .parent(let parent): parent
                case .other(let value): value
                }
            }

            func child(_ name: String) -> Any? {
                switch self {
                case .dictionary(let dictionary): dictionary[name]
                case .strings(let strings): strings[name]
                case .parent(let parent): parent.child(named: name)
                case .other: nil
                }
            }
        }

        init(templates: [String: CompiledTemplate], model: Any, escape: @escaping (String) -> String) {
            self.templates = templates
            self.escape = escape
            self.stack = [Context(model)]
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
                stack.append(.other(text))
                render(children)
                stack.removeLast()
            case let object as [String: Any]:
                guard !inverted else { return }
                stack.append(.dictionary(object))
                render(children)
                stack.removeLast()
            case let list as [[String: Any]]:
                renderList(children, list, inverted: inverted, whole: list, context: Context.dictionary)
            case let sequence as any MustacheSequence:
                renderList(children, Self.elements(of: sequence), inverted: inverted, whole: sequence, context: Context.init)
            case .some(let value):
                guard !inverted else { return }
                stack.append(Context(value))
                render(children)
                stack.removeLast()
            case .none:
                if inverted { render(children) }
            }
        }

        /// Renders `children` once per element, or once with the empty list itself when inverted.
        private mutating func renderList<Element>(
            _ children: [Node], _ elements: [Element], inverted: Bool, whole: Any, context: (Element) -> Context
        ) {
            if inverted {
                guard elements.isEmpty else { return }
                stack.append(.other(whole))
                render(children)
                stack.removeLast()
                return
            }
            for element in elements {
                stack.append(context(element))
                render(children)
                stack.removeLast()
            }
        }

        private static func elements<S: Sequence>(of sequence: S) -> [Any] {
            sequence.map { $0 as Any }
        }

        private func look(up name: Name) -> Any? {
            guard let first = name.parts.first else { return stack.last?.value }
            var found: Any?
            if name.topOnly {
                found = stack.last?.child(first)
            } else {
                for context in stack.reversed() {
                    if let child = context.child(first) {
                        found = child
                        break
                    }
                }
            }
            for part in name.parts.dropFirst() {
                guard let object = found else { return nil }
                found = Context(object).child(part)
            }
            return found
        }
    }
}
