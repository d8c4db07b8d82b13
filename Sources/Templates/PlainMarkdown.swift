/// Nests markdown made only of `#` headings, paragraphs and `-` lists of plain lines below a
import Bytes
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

        var isListItem: Bool {
            if case .listItem = self { true } else { false }
        }
    }

    /// `markdown` nested below a heading of `level`, as cmark-gfm's path would nest it; `nil`
    /// when the text holds anything but plain lines. The nested text is written in one buffer.
    static func nested(_ markdown: String, below level: Int) -> EmbeddedMarkdown? {
        var source = markdown
        return source.withUTF8 { bytes -> EmbeddedMarkdown? in
            var lines: [(range: Range<Int>, kind: Line)] = []
            for range in bytes.lineRanges {
                guard let kind = classify(UnsafeBufferPointer(rebasing: bytes[range]), offset: range.lowerBound) else { return nil }
                lines.append((range, kind))
            }
            var shallowest = level + 1
            for line in lines {
                if case .heading(let headingLevel, _) = line.kind { shallowest = min(shallowest, headingLevel) }
            }
            let shift = max(0, level + 1 - shallowest)

            var joined: [UInt8] = []
            joined.reserveCapacity(bytes.count + 16)
            var blocks: [EmbeddedMarkdown.Block] = []
            /// The paragraph or list being read: where it starts in `joined`, and whether it is a list.
            var open: (start: Int, isList: Bool)?
            func close() {
                guard let block = open else { return }
                joined.append(UInt8(ascii: "\n"))
                blocks.append(EmbeddedMarkdown.Block(headingLevel: nil, headingText: "", range: block.start..<joined.count))
                open = nil
            }
            /// Starts a block: a blank line after the one before.
            func begin() -> Int {
                if !joined.isEmpty { joined.append(UInt8(ascii: "\n")) }
                return joined.count
            }
            for line in lines {
                switch line.kind {
                case .blank:
                    close()
                case .heading(let headingLevel, let text):
                    close()
                    let shifted = min(6, headingLevel + shift)
                    let blockStart = begin()
                    joined.append(contentsOf: repeatElement(UInt8(ascii: "#"), count: shifted))
                    joined.append(
                        contentsOf: UnsafeBufferPointer(rebasing: bytes[(line.range.lowerBound + headingLevel)..<line.range.upperBound]))
                    joined.append(UInt8(ascii: "\n"))
                    blocks.append(
                        EmbeddedMarkdown.Block(
                            headingLevel: shifted - shift,
                            headingText: String(decoding: UnsafeBufferPointer(rebasing: bytes[text]), as: UTF8.self),
                            range: blockStart..<joined.count))
                case .listItem, .paragraph:
                    let isList = line.kind.isListItem
                    if let block = open {
                        // A list item interrupts a paragraph; a paragraph line after a list item continues the item (lazily).
                        if isList, !block.isList {
                            close()
                            open = (begin(), true)
                        } else {
                            joined.append(UInt8(ascii: "\n"))
                        }
                    } else {
                        open = (begin(), isList)
                    }
                    joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line.range]))
                }
            }
            close()
            return EmbeddedMarkdown(joined: String(decoding: joined, as: UTF8.self), blocks: blocks)
        }
    }

    /// What `line` (its bytes; `offset` is where it starts) is, or `nil` when it is anything
    /// cmark-gfm might read otherwise than as plain text.
    private static func classify(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Line? {
        guard let first = line.first else { return .blank }
        // Raw HTML, links, references, strikethrough, tables, control characters: words of
        // eight bytes holding none are skipped (an agent's paragraph can be a 100 KB line).
        let suspect = line.skippingWords(from: 0) { word in
            !(word.hasByte(below: 0x20) || word.has(UInt8(ascii: "<")) || word.has(UInt8(ascii: "["))
                || word.has(UInt8(ascii: "]")) || word.has(UInt8(ascii: "~")) || word.has(UInt8(ascii: "|")) || word.has(0x7F))
        }
        for byte in line[suspect...] {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"), UInt8(ascii: "|"), 0x7F: return nil
            case ..<0x20 where byte != UInt8(ascii: "\t"): return nil
            default: continue
            }
        }
        switch first {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // Indented text continues or nests something; only a line of blanks is plain.
            return line.allSatisfy(isBlank) ? .blank : nil
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

    /// A space or a tab.
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
