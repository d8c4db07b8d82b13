extension CompiledSet {
    /// Runs a set's instructions over a model into one growing buffer, with swift-mustache's
    /// lookup rules.
    ///
    /// Names climb the context stack from the innermost value outwards; a dotted name's later
    /// parts are looked up only in what its first part found.
    struct Renderer {
        let set: CompiledSet
        /// The text so far as UTF-8: appending bytes costs less than appending to a string.
        private var bytes: [UInt8] = []
        private var stack: [TemplateValue]

        /// The text rendered since the last call, emptying the buffer for the next.
        mutating func takeOutput() -> String {
            defer { bytes.removeAll(keepingCapacity: true) }
            return String(decoding: bytes, as: UTF8.self)
        }

        init(set: CompiledSet, model: TemplateObject) {
            self.set = set
            self.stack = [.object(model)]
            bytes.reserveCapacity(32 * 1024)
        }

        /// Runs the instructions in `range`.
        mutating func run(_ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch set.instructions[index] {
                case .text(let start, let end):
                    set.text.withUnsafeBufferPointer { text in
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
                    }
                case .variable(let name, let escaped):
                    guard let value = look(up: name) else { break }
                    let text: String
                    switch value {
                    case .text(let value): text = value
                    default: text = String(describing: value.mustacheValue)
                    }
                    if escaped {
                        Markdown.appendInline(text, to: &bytes)
                    } else {
                        bytes.append(contentsOf: text.utf8)
                    }
                case .section(let name, let inverted, let end):
                    runSection((index + 1)..<Int(end), value: look(up: name), inverted: inverted)
                    index = Int(end)
                    continue
                case .partial(let template):
                    if template >= 0 { run(set.templates[Int(template)]) }
                }
                index += 1
            }
        }

        private mutating func runSection(_ children: Range<Int>, value: TemplateValue?, inverted: Bool) {
            switch value {
            case .flag(let flag):
                if flag != inverted { run(children) }
            case .list(let elements):
                if inverted {
                    guard elements.isEmpty, let value else { return }
                    stack.append(value)
                    run(children)
                    stack.removeLast()
                    return
                }
                for element in elements {
                    stack.append(element)
                    run(children)
                    stack.removeLast()
                }
            case .text, .object:
                guard !inverted, let value else { return }
                stack.append(value)
                run(children)
                stack.removeLast()
            case nil:
                if inverted { run(children) }
            }
        }

        private func look(up index: Int32) -> TemplateValue? {
            let name = set.names[Int(index)]
            guard name.count > 0 else { return stack.last }
            let first = Int(name.first)
            var found: TemplateValue?
            if name.topOnly {
                found = stack.last.flatMap { child(first, of: $0) }
            } else {
                for context in stack.reversed() {
                    if let child = child(first, of: context) {
                        found = child
                        break
                    }
                }
            }
            for part in (first + 1)..<(first + Int(name.count)) {
                guard let object = found else { return nil }
                found = child(part, of: object)
            }
            return found
        }

        /// The member of `value` named by part `part` of the set's names.
        private func child(_ part: Int, of value: TemplateValue) -> TemplateValue? {
            guard case .object(let object) = value else { return nil }
            return object.value(named: set.parts[part], key: set.partKeys[part])
        }
    }
}
