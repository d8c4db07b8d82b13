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

    /// ``inline(_:)`` scalar by scalar, for text that may need escaping.
    static func escapedInline(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, isSpaceLike(scalars[start]) { start += 1 }
        while end > start, isSpaceLike(scalars[end - 1]) { end -= 1 }

        // Written as UTF-8 bytes: appending scalars to a string one by one costs several times more.
        var out: [UInt8] = []
        out.reserveCapacity(end - start + 8)
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
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes that never need escaping in the middle of a value: ASCII letters, digits, space and
    /// `,;:'"%$?!/@-.` (`-` and `.` matter only at the start or after a list number or `www`).
    private static let inertBytes: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || " ,;:'\"%$?!/@-.".unicodeScalars.contains(scalar)
    }

    /// True when ``inline(_:)`` would return `text` unchanged, decided on its bytes: inert ASCII
    /// only, starting with a letter (or a digit, when no `.` follows), not ending in a space, and
    /// holding no `://` or `www` that could start an autolink.
    static func isInertASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, last != UInt8(ascii: " ") else { return false }
            let startsWithDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
            let startsWithLetter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
            guard startsWithDigit || startsWithLetter else { return false }
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
                guard byte < 128, inertBytes[Int(byte)] else { return false }
                if startsWithDigit, byte == UInt8(ascii: ".") { return false }
                let folded = byte | 0x20
                if byte == UInt8(ascii: "/"), previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) { return false }
                if folded == UInt8(ascii: "w"), previous.0 | 0x20 == UInt8(ascii: "w"), previous.1 | 0x20 == UInt8(ascii: "w") {
                    return false
                }
                previous = (previous.1, byte)
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
        // On UTF-8 bytes: every byte that needs a change is ASCII, or the C1 control lead byte C2
        // (Swift strings are valid UTF-8, so a continuation byte always follows it). Runs of
        // bytes that stay as they are are copied at once.
        var body: [UInt8] = []
        var longestRun = 0
        var text = text
        text.withUTF8 { bytes in
            body.reserveCapacity(bytes.count + 1)
            var run = 0
            var copied = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "`") {
                    run += 1
                    longestRun = max(longestRun, run)
                    index += 1
                    continue
                }
                run = 0
                let afterReturn = index > 0 && bytes[index - 1] == UInt8(ascii: "\r")
                if (byte >= 0x20 && byte != 0x7F && byte != 0xC2) || byte == UInt8(ascii: "\t")
                    || (byte == UInt8(ascii: "\n") && !afterReturn)
                {
                    index += 1
                    continue
                }
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                switch byte {
                case UInt8(ascii: "\r"):
                    body.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\n"):
                    break  // after a `\r`, which became this line break
                case 0x7F:
                    body.append(contentsOf: [0xE2, 0x90, 0xA1])  // U+2421
                case 0xC2:
                    // U+0080–U+009F are C2 80–C2 9F; U+00A0–U+00BF follow C2 with A0–BF.
                    if index + 1 < bytes.count {
                        let next = bytes[index + 1]
                        body.append(contentsOf: next < 0xA0 ? [0xEF, 0xBF, 0xBD] : [byte, next])  // U+FFFD
                    }
                    index += 1
                default:
                    body.append(contentsOf: [0xE2, 0x90, 0x80 + byte])  // U+2400 + byte
                }
                index += 1
                copied = index
            }
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        if let last = body.last, last != UInt8(ascii: "\n") { body.append(UInt8(ascii: "\n")) }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        let info = language.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" } ? language : ""
        return fence + info + "\n" + String(decoding: body, as: UTF8.self) + fence
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
