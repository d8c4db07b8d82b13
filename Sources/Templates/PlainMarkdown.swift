/// Nests markdown made only of `#` headings, paragraphs and `-` lists of plain lines below a
/// heading, without cmark-gfm.
///
/// For such text the rewrites of ``CMark/nestedBlocks(_:below:verbatim:)`` come down to
/// lengthening the headings' `#` runs: there is no HTML, link or code fence to neutralise, and
/// every block keeps its lines. Most analyses an agent writes are like this, and cmark-gfm
/// spends about 7 µs on parsing even a short one. Any line this does not recognise for certain
/// sends the whole text to cmark-gfm.
enum PlainMarkdown {
    /// What one line is.
    private enum Line {
        case blank
        /// A `#` heading: its level and the range of its text, trimmed.
        case heading(level: Int, text: Range<Int>)
        case listItem
        case paragraph
    }

    /// The blocks of `markdown` nested below a heading of `level`, as cmark-gfm's path would
    /// give them; `nil` when the text holds anything but plain lines.
    static func nestedBlocks(_ markdown: String, below level: Int) -> [CMark.Block]? {
        var source = markdown
        return source.withUTF8 { bytes -> [CMark.Block]? in
            var lines: [(range: Range<Int>, kind: Line)] = []
            var start = 0
            while start <= bytes.count {
                let end = bytes.firstNewline(from: start)
                guard let kind = classify(UnsafeBufferPointer(rebasing: bytes[start..<end]), offset: start) else { return nil }
                lines.append((start..<end, kind))
                start = end + 1
            }
            var shallowest = level + 1
            for line in lines {
                if case .heading(let headingLevel, _) = line.kind { shallowest = min(shallowest, headingLevel) }
            }
            let shift = max(0, level + 1 - shallowest)

            var blocks: [CMark.Block] = []
            /// The lines of the paragraph or list being read, and whether it is a list.
            var open: (range: Range<Int>, isList: Bool)?
            func close() {
                guard let block = open else { return }
                blocks.append(CMark.Block(headingLevel: nil, headingText: "", markdown: copy(block.range)))
                open = nil
            }
            func copy(_ range: Range<Int>, prefix: String = "") -> String {
                let slice = markdown[utf8Offsets: range]
                var text = prefix
                text.reserveCapacity(prefix.utf8.count + slice.utf8.count + 1)
                text += slice
                text += "\n"
                return text
            }
            for line in lines {
                switch line.kind {
                case .blank:
                    close()
                case .heading(let headingLevel, let text):
                    close()
                    let shifted = min(6, headingLevel + shift)
                    blocks.append(CMark.Block(
                        headingLevel: shifted - shift, headingText: String(markdown[utf8Offsets: text]),
                        markdown: copy(line.range.lowerBound + headingLevel..<line.range.upperBound, prefix: String(repeating: "#", count: shifted))))
                case .listItem:
                    // A list item interrupts a paragraph; it continues a list.
                    if open?.isList == false { close() }
                    open = ((open?.range.lowerBound ?? line.range.lowerBound)..<line.range.upperBound, true)
                case .paragraph:
                    // A paragraph line after a list item continues the item (lazily).
                    open = ((open?.range.lowerBound ?? line.range.lowerBound)..<line.range.upperBound, open?.isList ?? false)
                }
            }
            close()
            return blocks
        }
    }

    /// What `line` (its bytes; `offset` is where it starts) is, or `nil` when it is anything
    /// cmark-gfm might read otherwise than as plain text.
    private static func classify(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Line? {
        guard let first = line.first else { return .blank }
        // Raw HTML, links, references, strikethrough, tables, control characters.
        for byte in line {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"), UInt8(ascii: "|"), 0x7F: return nil
            case ..<0x20 where byte != UInt8(ascii: "\t"): return nil
            default: continue
            }
        }
        switch first {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // Indented text continues or nests something; only a line of blanks is plain.
            return line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ? .blank : nil
        case UInt8(ascii: "#"):
            return heading(line, offset: offset)
        case UInt8(ascii: "-"):
            // `- ` and text that starts nothing else: not `---`, `- - -`, `- 1.` or an empty item.
            guard line.count > 2, line[1] == UInt8(ascii: " "), isPlainText(UnsafeBufferPointer(rebasing: line[2...])) else {
                return nil
            }
            return .listItem
        default:
            return isPlainText(line) ? .paragraph : nil
        }
    }

    /// Whether a line (or a list item's text) is plain text: it does not start a quote, a list,
    /// a break, a setext underline, a fence or a heading, and is not indented. `*emphasis*`,
    /// `_emphasis_` and `` `code` `` may start it.
    private static func isPlainText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let second = text.count > 1 ? text[1] : UInt8(ascii: " ")
        switch first {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "#"):
            return false
        case UInt8(ascii: "*"), UInt8(ascii: "+"):
            // `* item`, `+ item`, `*` alone, `***`, `* * *`.
            return !isBlank(second) && !text.allSatisfy { $0 == first || isBlank($0) }
        case UInt8(ascii: "_"):
            return !text.allSatisfy { $0 == first || isBlank($0) }
        case UInt8(ascii: "`"):
            return !text.starts(with: "```".utf8)
        default:
            // `1.` or `1)` starts an ordered list.
            let digits = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            return !(digits > 0 && digits < text.count && (text[digits] == UInt8(ascii: ".") || text[digits] == UInt8(ascii: ")")))
        }
    }

    /// A `#` heading of one to six `#`, a space and text without inline markup (so its plain
    /// text is the text itself) and without a closing `#` run.
    private static func heading(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Line? {
        let level = line.prefix { $0 == UInt8(ascii: "#") }.count
        guard level <= 6, level < line.count, line[level] == UInt8(ascii: " ") else { return nil }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = level
        while start < line.count, isBlank(line[start]) { start += 1 }
        var end = line.count
        while end > start, isBlank(line[end - 1]) { end -= 1 }
        guard start < end, line[end - 1] != UInt8(ascii: "#") else { return nil }
        for byte in line[start..<end] {
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "&"): return nil
            default: continue
            }
        }
        return .heading(level: level, text: offset + start..<offset + end)
    }
}
