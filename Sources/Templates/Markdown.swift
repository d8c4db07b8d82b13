import Bytes
/// Escaping of untrusted text for the places a value can take in a markdown document.
///
/// Every value that comes from an incident passes through one of these functions before it
/// reaches a post-mortem, so that no title, log line or command output can change the
/// document's structure: no new heading, table row, list, link, raw HTML or code fence.
public enum Markdown {
    /// Escapes text for inline use: a paragraph, a list item, a heading or a table cell.
    ///
    /// Line breaks and tabs become spaces (a value never starts a new block), control
    /// characters become visible control pictures, and every character that could open
    /// markup (`\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~` `&`, a leading `#` `-` `+` `=` or
    /// list number, and the `:` of `://` and `.` of `www.` that would start an autolink) is
    /// backslash-escaped. Leading and trailing white space is dropped. E-mail addresses still
    /// become `mailto:` links in GitHub-flavoured renderers; no escape prevents that.
    public static func inline(_ text: String) -> String {
        isInertASCII(text) ? text : escapedInline(text)
    }

    /// Appends ``inline(_:)`` of `text` to UTF-8 bytes.
    static func appendInline(_ text: String, to out: inout [UInt8]) {
        if isInertASCII(text) {
            out.append(contentsOf: text.utf8)
        } else {
            appendEscapedInline(text, to: &out)
        }
    }

    /// ``inline(_:)`` scalar by scalar, for text that may need escaping.
    static func escapedInline(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        appendEscapedInline(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``escapedInline(_:)`` of `text` to UTF-8 bytes.
    private static func appendEscapedInline(_ text: String, to out: inout [UInt8]) {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, isSpaceLike(scalars[start]) { start += 1 }
        while end > start, isSpaceLike(scalars[end - 1]) { end -= 1 }

        // Written as UTF-8 bytes: appending scalars to a string one by one costs several times more.
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        var index = start
        while index < end {
            let scalar = scalars[index]
            switch scalar {
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                append(" ")
            case "\\", "`", "*", "[", "]", "<", ">", "|", "~", "&":
                append("\\")
                append(scalar)
            case "_":
                let before = index > start ? scalars[index - 1] : " "
                let after = index + 1 < end ? scalars[index + 1] : " "
                if !(isAlphanumeric(before) && isAlphanumeric(after)) { append("\\") }
                append(scalar)
            case "#", "-", "+", "=", ".", ")":
                if opensBlock(scalars[start..<end], at: index) || (scalar == "." && isWWW(scalars[start..<index])) {
                    append("\\")
                }
                append(scalar)
            case ":":
                // `scheme://` starts an autolink.
                if index + 2 < end, scalars[index + 1] == "/", scalars[index + 2] == "/" { append("\\") }
                append(scalar)
            default:
                append(visible(scalar))
            }
            index += 1
        }
    }

    /// How ``isInertASCII(_:)`` treats each byte of a value that starts with an ASCII letter or digit.
    private enum InertClass: UInt8 {
        /// Escaped wherever it stands, or not ASCII.
        case escaped
        /// Left as it is after the first byte: letters, digits, space and
        /// `!"#$%'(+,-:;=?@^{}` (`#`, `+`, `-` and `=` open blocks only at the start).
        case plain
        /// `_`: left as it is between two letters or digits.
        case underscore
        /// `.` and `)`: list markers after a leading number; `.` also after `www`.
        case listMarker
        /// `/`: the end of an autolink's `://`.
        case slash
    }

    /// The class of `byte`; a switch rather than a table, since a global table is initialised
    /// lazily and every read of it goes through a check.
    private static func inertClass(_ byte: UInt8) -> InertClass {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: " "), UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "^"), UInt8(ascii: "{"),
            UInt8(ascii: "}"):
            .plain
        case UInt8(ascii: "_"): .underscore
        case UInt8(ascii: "."), UInt8(ascii: ")"): .listMarker
        case UInt8(ascii: "/"): .slash
        default: .escaped
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return (folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// True when ``inline(_:)`` would return `text` unchanged, decided on its bytes: ASCII that
    /// starts with a letter or digit, does not end in a space, and holds nothing that escaping
    /// changes there (see ``InertClass``). Conservative: `false` sends text through
    /// ``escapedInline(_:)``, which gives the same result for inert text.
    static func isInertASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, last != UInt8(ascii: " "),
                isASCIIAlphanumeric(first)
            else { return false }
            let startsWithDigit = first <= UInt8(ascii: "9")
            for index in bytes.indices {
                switch inertClass(bytes[index]) {
                case .plain:
                    continue
                case .escaped:
                    return false
                case .underscore:
                    guard index + 1 < bytes.count, isASCIIAlphanumeric(bytes[index - 1]), isASCIIAlphanumeric(bytes[index + 1])
                    else { return false }
                case .listMarker:
                    if startsWithDigit { return false }
                    if index >= 3, bytes[index - 3] | 0x20 == UInt8(ascii: "w"), bytes[index - 2] | 0x20 == UInt8(ascii: "w"),
                        bytes[index - 1] | 0x20 == UInt8(ascii: "w")
                    {
                        return false
                    }
                case .slash:
                    if index >= 2, bytes[index - 1] == UInt8(ascii: "/"), bytes[index - 2] == UInt8(ascii: ":") { return false }
                }
            }
            return true
        }
    }

    /// Returns a fenced code block holding `text` verbatim.
    ///
    /// The fence is one backtick longer than the longest backtick run in the text (at least
    /// three), so no line of the text can close it. Line endings are normalised to `\n` and
    /// control characters other than tab become visible control pictures. The block ends with
    /// its closing fence, without a line break.
    public static func codeBlock(_ text: String, language: String = "") -> String {
        var text = text
        let (longestRun, changed) = text.withUTF8(visibleCodeBytes)
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        let info = language.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" } ? language : ""
        // Text that needs no change is appended as it is: building it from bytes would check them again.
        let body = changed.map { String(decoding: $0, as: UTF8.self) } ?? text
        var block = fence
        block.reserveCapacity(2 * fence.utf8.count + info.utf8.count + body.utf8.count + 2)
        block += info
        block += "\n"
        block += body
        if let last = body.utf8.last, last != UInt8(ascii: "\n") { block += "\n" }
        block += fence
        return block
    }

    /// Whether ``visibleCodeBytes(_:)`` looks at `byte`: the backtick, C0 controls but tab and
    /// line feed, DEL, and C2 (the lead byte of the C1 controls).
    private static func needsAttention(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "`") || (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2
    }

    /// The longest backtick run in `bytes`, and the bytes as a code block shows them, or `nil`
    /// when they show unchanged: `\r\n` and `\r` become `\n`, other controls but tab their
    /// visible control pictures. Every byte that changes is ASCII or the C1 lead byte C2 (Swift
    /// strings are valid UTF-8, so a continuation byte always follows it); runs of bytes that
    /// stay are copied at once.
    private static func visibleCodeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (longestRun: Int, changed: [UInt8]?) {
        var body: [UInt8] = []
        var changed = false
        var longestRun = 0
        var copied = 0
        var index = 0
        while index < bytes.count {
            index = bytes.skippingWords(from: index) { word in
                !word.hasNonASCII && !word.hasByte(below: 0x20) && !word.has(UInt8(ascii: "`")) && !word.has(0x7F)
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            guard needsAttention(byte) else {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "`") {
                var end = index + 1
                while end < bytes.count, bytes[end] == UInt8(ascii: "`") { end += 1 }
                longestRun = max(longestRun, end - index)
                index = end
                continue
            }
            var replacement: [UInt8] = []
            var length = 1
            switch byte {
            case UInt8(ascii: "\r"):
                replacement = [UInt8(ascii: "\n")]
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { length = 2 }
            case 0x7F:
                replacement = [0xE2, 0x90, 0xA1]  // U+2421
            case 0xC2:
                // U+0080–U+009F are C2 80–C2 9F and become U+FFFD; U+00A0–U+00BF stay.
                guard index + 1 < bytes.count, bytes[index + 1] < 0xA0 else {
                    index += 2
                    continue
                }
                replacement = [0xEF, 0xBF, 0xBD]
                length = 2
            default:
                replacement = [0xE2, 0x90, 0x80 + byte]  // U+2400 + byte
            }
            if !changed {
                changed = true
                body.reserveCapacity(bytes.count + 16)
            }
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            body.append(contentsOf: replacement)
            index += length
            copied = index
        }
        guard changed else { return (longestRun, nil) }
        body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return (longestRun, body)
    }

    /// A control character replaced by its visible Unicode control picture; others unchanged.
    static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        case 0x80...0x9F: "\u{FFFD}"
        default: scalar
        }
    }

    private static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// True when the marker at `index` would start a block if the value began a line: a heading
    /// (`#`…), a bullet (`-`, `+`), a numbered item (`12.`, `3)`), or a thematic break or setext
    /// underline (a value made only of `-` or `=`).
    private static func opensBlock(_ value: ArraySlice<Unicode.Scalar>, at index: Int) -> Bool {
        let scalar = value[index]
        let rest = value[(index + 1)...]
        let followedByBlank = rest.first.map { $0 == " " || $0 == "\t" } ?? true
        switch scalar {
        case "#":
            let run = value.prefix { $0 == "#" }
            return index == value.startIndex && run.count <= 6
                && (value.dropFirst(run.count).first.map { $0 == " " || $0 == "\t" } ?? true)
        case "-", "=":
            guard index == value.startIndex else { return false }
            return followedByBlank || value.allSatisfy { $0 == scalar || $0 == " " || $0 == "\t" }
        case "+":
            return index == value.startIndex && followedByBlank
        default:
            return isListNumber(value[value.startIndex..<index]) && followedByBlank
        }
    }

    /// True when `prefix` ends with a whole word `www`, which a `.` would turn into an autolink.
    private static func isWWW(_ prefix: ArraySlice<Unicode.Scalar>) -> Bool {
        guard prefix.count >= 3, String(String.UnicodeScalarView(prefix.suffix(3))).lowercased() == "www" else {
            return false
        }
        return prefix.count == 3 || !isAlphanumeric(prefix[prefix.endIndex - 4])
    }

    /// True when `prefix` is a run of 1–9 ASCII digits, which a `.` or `)` would turn into a list item.
    private static func isListNumber(_ prefix: ArraySlice<Unicode.Scalar>) -> Bool {
        !prefix.isEmpty && prefix.count <= 9 && prefix.allSatisfy { ("0"..."9").contains($0) }
    }
}
