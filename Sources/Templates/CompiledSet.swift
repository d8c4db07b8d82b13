/// Every compiled template of a set flattened into one array of instructions over one buffer of
/// text, which ``Renderer`` runs.
///
/// The instructions hold only integers, so running them copies no reference-counted value: a
/// section's children are the instructions up to its `end`, a partial is the index of the
/// template it includes, a name is an index into ``names``.
struct CompiledSet: Sendable {
    enum Instruction: Sendable {
        /// The bytes `start..<end` of ``text``.
        case text(start: Int32, end: Int32)
        case variable(name: Int32, escaped: Bool)
        /// A section whose children are the instructions after it, up to `end`.
        case section(name: Int32, inverted: Bool, end: Int32)
        /// The template at that index of ``templates``; `-1` when the set has no such template.
        case partial(Int32)
    }

    /// A name's dotted parts in ``parts``, `first..<first + count`; none for `.`.
    struct NameParts: Sendable {
        let first: Int32
        let count: Int32
        /// Whether the first part is looked up only in the innermost context (a leading `.`).
        let topOnly: Bool
    }

    let instructions: [Instruction]
    /// The UTF-8 bytes of every text node.
    let text: [UInt8]
    let names: [NameParts]
    let parts: [String]
    /// Each part's ``TemplateObject/key(_:)``.
    let partKeys: [UInt32]
    /// Each template's instructions, by template index.
    let templates: [Range<Int>]
    /// Template indices by name.
    let indices: [String: Int]

    init(_ compiled: [String: CompiledTemplate]) {
        let sorted = compiled.sorted { $0.key < $1.key }
        var builder = Builder()
        builder.indices = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.key, $0) })
        var templates: [Range<Int>] = []
        for (_, template) in sorted {
            let start = builder.instructions.count
            builder.add(template.nodes)
            templates.append(start..<builder.instructions.count)
        }
        instructions = builder.instructions
        text = builder.text
        names = builder.names
        parts = builder.parts
        partKeys = builder.parts.map(TemplateObject.key)
        self.templates = templates
        indices = builder.indices
    }

    /// Flattens node trees, sharing one entry per distinct name.
    private struct Builder {
        var instructions: [Instruction] = []
        var text: [UInt8] = []
        var names: [NameParts] = []
        var parts: [String] = []
        var indices: [String: Int] = [:]
        private var known: [CompiledTemplate.Name: Int32] = [:]

        mutating func add(_ nodes: [CompiledTemplate.Node]) {
            for node in nodes {
                switch node {
                case .text(let string):
                    let start = Int32(text.count)
                    text.append(contentsOf: string.utf8)
                    instructions.append(.text(start: start, end: Int32(text.count)))
                case .variable(let name, let escaped):
                    instructions.append(.variable(name: index(of: name), escaped: escaped))
                case .section(let name, let inverted, let children):
                    let at = instructions.count
                    instructions.append(.partial(-1))  // replaced once the children's end is known
                    add(children)
                    instructions[at] = .section(name: index(of: name), inverted: inverted, end: Int32(instructions.count))
                case .partial(let name):
                    instructions.append(.partial(Int32(indices[name] ?? -1)))
                }
            }
        }

        private mutating func index(of name: CompiledTemplate.Name) -> Int32 {
            if let index = known[name] { return index }
            let index = Int32(names.count)
            names.append(NameParts(first: Int32(parts.count), count: Int32(name.parts.count), topOnly: name.topOnly))
            parts.append(contentsOf: name.parts)
            known[name] = index
            return index
        }
    }

    /// Renders the template `name` with `model`; `nil` when the set has no such template.
    func render(_ name: String, model: TemplateObject) -> String? {
        render([name], model: model)[0]
    }

    /// Renders each template of `names` with `model`, one after the other in one buffer; `nil`
    /// for a name the set has no template of.
    func render(_ names: [String], model: TemplateObject) -> [String?] {
        var renderer = Renderer(set: self, model: model)
        return names.map { name in
            guard let index = indices[name] else { return nil }
            renderer.run(templates[index])
            return renderer.takeOutput()
        }
    }
}
