extension CompiledTemplate {
    /// Renders compiled templates into one growing string, with swift-mustache's lookup rules.
    ///
    /// Names climb the context stack from the innermost value outwards; a dotted name's later
    /// parts are looked up only in what its first part found.
    struct Renderer {
        let templates: [String: CompiledTemplate]
        let escape: (String) -> String
        /// The text so far as UTF-8: appending bytes costs less than appending to a string.
        private var bytes: [UInt8] = []
        private var stack: [TemplateValue]

        var output: String { String(decoding: bytes, as: UTF8.self) }

        init(templates: [String: CompiledTemplate], model: TemplateObject, escape: @escaping (String) -> String) {
            self.templates = templates
            self.escape = escape
            self.stack = [.object(model)]
            bytes.reserveCapacity(32 * 1024)
        }

        mutating func render(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    bytes.append(contentsOf: text.utf8)
                case .variable(let name, let escaped):
                    guard let value = look(up: name) else { continue }
                    let text: String
                    switch value {
                    case .text(let value): text = value
                    default: text = String(describing: value.mustacheValue)
                    }
                    bytes.append(contentsOf: (escaped ? escape(text) : text).utf8)
                case .section(let name, let inverted, let children):
                    renderSection(children, value: look(up: name), inverted: inverted)
                case .partial(let name):
                    if let template = templates[name] { render(template.nodes) }
                }
            }
        }

        private mutating func renderSection(_ children: [Node], value: TemplateValue?, inverted: Bool) {
            switch value {
            case .flag(let flag):
                if flag != inverted { render(children) }
            case .list(let elements):
                if inverted {
                    guard elements.isEmpty, let value else { return }
                    stack.append(value)
                    render(children)
                    stack.removeLast()
                    return
                }
                for element in elements {
                    stack.append(element)
                    render(children)
                    stack.removeLast()
                }
            case .text, .object:
                guard !inverted, let value else { return }
                stack.append(value)
                render(children)
                stack.removeLast()
            case nil:
                if inverted { render(children) }
            }
        }

        private func look(up name: Name) -> TemplateValue? {
            guard let first = name.parts.first else { return stack.last }
            var found: TemplateValue?
            if name.topOnly {
                found = stack.last.flatMap { Self.child(first, of: $0) }
            } else {
                for context in stack.reversed() {
                    if let child = Self.child(first, of: context) {
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

        private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
            guard case .object(let object) = value else { return nil }
            return object[name]
        }
    }
}
