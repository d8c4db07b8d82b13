/// A template compiled into a tree that renders a model without swift-mustache's per-lookup
/// dynamic casts: the fast path for every set that keeps to core mustache.
///
/// swift-mustache stays the reference: every file is first parsed by it (which reports syntax
/// errors), and a file that uses anything beyond core mustache — set delimiters, pragmas,
/// transforms, inheritance, dynamic or indented standalone partials — does not compile here, so
/// its whole set renders through swift-mustache. The parser follows swift-mustache's own
/// reading of standalone lines and white space, so both produce the same text (tested on every
/// built-in template, the golden documents and a table of edge cases).
struct CompiledTemplate: Sendable {
    /// A variable or section name: `.`, `name`, `a.b.c`, or `.name` (looked up at the top only).
    struct Name: Sendable, Hashable {
        /// The dotted parts; empty for `.`.
        let parts: [String]
        /// Whether the first part is looked up only in the innermost context (a leading `.`).
        let topOnly: Bool
    }

    indirect enum Node: Sendable, Equatable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Node])
        case partial(String)
    }

    let nodes: [Node]

    /// Compiles `source`; `nil` when it uses something only swift-mustache renders.
    init?(_ source: String) {
        var parser = Parser(characters: Array(source))
        guard let nodes = try? parser.parse(section: nil, newLine: true), parser.position == parser.characters.count else {
            return nil
        }
        self.nodes = nodes
    }

    /// Raised for anything the compiled form does not cover.
    struct Unsupported: Error {}

    /// Reads templates the way swift-mustache's parser does, on characters.
    struct Parser {
        let characters: [Character]
        var position = 0

        static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialNameCharacters = nameCharacters.union(["/"])

        var atEnd: Bool { position == characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }

        /// Parses nodes until the end, or until the closing tag of `section`.
        mutating func parse(section: String?, newLine: Bool) throws(Unsupported) -> [Node] {
            var nodes: [Node] = []
            var newLine = newLine
            var whiteSpaceBefore = ""
            while !atEnd {
                if newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
                let text = try readUntilTagOrLineBreak()
                if current == "\n" || current == "\r\n" {
                    nodes.append(.text(whiteSpaceBefore + text + String(current)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(whiteSpaceBefore + text))
                    whiteSpaceBefore = ""
                    newLine = false
                }
                if atEnd { break }
                var standalone = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    let name = try readName()
                    if newLine, lineFinished() {
                        standalone = true
                    } else if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                        whiteSpaceBefore = ""
                    }
                    let children = try parse(section: name, newLine: standalone)
                    nodes.append(.section(try Self.name(name), inverted: inverted, children))
                case "/":
                    position += 1
                    guard try readName() == section else { throw Unsupported() }
                    if !(newLine && lineFinished()), !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                    }
                    return nodes
                case "!":
                    position += 1
                    try skipComment()
                    standalone = newLine && lineFinished()
                case "{", "&":
                    let braced = current == "{"
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                        whiteSpaceBefore = ""
                    }
                    position += 1
                    let name = try readName()
                    if braced {
                        guard current == "}" else { throw Unsupported() }
                        position += 1
                    }
                    nodes.append(.variable(try Self.name(name), escaped: false))
                case ">":
                    position += 1
                    _ = read(while: \.isWhitespace)
                    guard current != "*" else { throw Unsupported() }
                    let name = try readName(allowed: Self.partialNameCharacters)
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                    if newLine, lineFinished() {
                        // swift-mustache indents the partial's later lines by token, not by line.
                        guard whiteSpaceBefore.isEmpty else { throw Unsupported() }
                        standalone = true
                    }
                    nodes.append(.partial(name))
                    whiteSpaceBefore = ""
                case "<", "$", "=", "%":
                    throw Unsupported()
                default:
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                        whiteSpaceBefore = ""
                    }
                    nodes.append(.variable(try Self.name(try readName()), escaped: true))
                }
                newLine = standalone
            }
            guard section == nil else { throw Unsupported() }
            return nodes
        }

        /// Text up to a line break (not consumed) or past an opening `{{`.
        private mutating func readUntilTagOrLineBreak() throws(Unsupported) -> String {
            var text = ""
            while !atEnd {
                let character = characters[position]
                if character == "\n" || character == "\r\n" { break }
                if character == "{", position + 1 < characters.count, characters[position + 1] == "{" {
                    position += 2
                    // A tag whose first character is a line break is left to swift-mustache.
                    guard !current.isNewline, !atEnd else { throw Unsupported() }
                    break
                }
                text.append(character)
                position += 1
            }
            return text
        }

        /// A tag's name, then its closing `}}`.
        private mutating func readName(allowed: Set<Character> = nameCharacters) throws(Unsupported) -> String {
            _ = read(while: \.isWhitespace)
            let name = read { allowed.contains($0) }
            _ = read(while: \.isWhitespace)
            guard current == "}", position + 1 < characters.count, characters[position + 1] == "}" else {
                throw Unsupported()
            }
            position += 2
            return name
        }

        private mutating func skipComment() throws(Unsupported) {
            while !atEnd {
                if characters[position] == "}", position + 1 < characters.count, characters[position + 1] == "}" {
                    position += 2
                    return
                }
                position += 1
            }
            throw Unsupported()
        }

        /// Whether only spaces and tabs remain on the line; if so, consumes them and the line break.
        private mutating func lineFinished() -> Bool {
            if atEnd { return true }
            var end = position
            while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
            guard end < characters.count, characters[end].isNewline else { return false }
            position = end + 1
            return true
        }

        private mutating func read(while predicate: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, predicate(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        /// A tag name as a lookup path; names with transforms (`f(x)`) are swift-mustache's.
        static func name(_ text: String) throws(Unsupported) -> Name {
            guard !text.isEmpty, !text.contains("("), !text.contains(")") else { throw Unsupported() }
            if text == "." { return Name(parts: [], topOnly: true) }
            let parts = text.split(separator: ".").map(String.init)
            guard !parts.isEmpty else { throw Unsupported() }
            return Name(parts: parts, topOnly: text.first == ".")
        }
    }
}
