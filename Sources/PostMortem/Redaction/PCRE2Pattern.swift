import CPCRE2

/// A regular expression compiled by PCRE2 (with its just-in-time compiler where the machine has
/// one), matched on a string's UTF-8 bytes. The only code that calls PCRE2.
///
/// ICU (NSRegularExpression) converts every text to UTF-16 and backtracks in an interpreter;
/// PCRE2's JIT matches the bytes Swift already holds. docs/performance.md has the figures.
final class PCRE2Pattern: @unchecked Sendable {
    /// The compiled pattern: read-only once built, so one is shared by every thread.
    private let code: OpaquePointer

    /// Why a pattern does not compile, in PCRE2's words, and where.
    struct CompileError: Error, CustomStringConvertible {
        let message: String
        let offset: Int
        var description: String { "\(message) at offset \(offset)" }
    }

    /// Compiles `pattern` for UTF-8 text (Perl syntax: `(?i)`, `\b`, `(?!…)`, lazy quantifiers).
    /// An `anchored` pattern matches only where a search starts (``replacing(in:with:startingAt:)``).
    init(_ pattern: String, anchored: Bool = false) throws(CompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = PCRE2_UTF | (anchored ? PCRE2_ANCHORED : 0)
        let compiled = pattern.utf8CString.withUnsafeBufferPointer { characters in
            characters.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
            throw CompileError(message: String(decoding: buffer.prefix(max(0, Int(length))), as: UTF8.self), offset: errorOffset)
        }
        // Without a JIT for this machine, matching falls back to PCRE2's interpreter by itself.
        _ = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE)
        code = compiled
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// One part of a replacement: bytes as they are, or a capture group's text.
    enum ReplacementPart: Equatable {
        case literal([UInt8])
        case group(Int)
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        replacing(in: text, with: [])?.count ?? 0 > 0
    }

    /// The groups of one match, as UTF-8 bytes of the text; `nil` for a group that took no part.
    struct Groups {
        fileprivate let vector: UnsafeMutablePointer<Int>
        fileprivate let count: Int
        fileprivate let bytes: UnsafeBufferPointer<UInt8>

        /// Where a group lies in the text, as UTF-8 offsets.
        func range(_ number: Int) -> Range<Int>? {
            guard number < count, vector[2 * number] >= 0, vector[2 * number + 1] >= vector[2 * number] else { return nil }
            return vector[2 * number]..<vector[2 * number + 1]
        }

        subscript(_ number: Int) -> UnsafeBufferPointer<UInt8>? {
            range(number).map { UnsafeBufferPointer(rebasing: bytes[$0]) }
        }
    }

    /// What to do with a match: replace it, or, with ``group``, only that group's text; and,
    /// with ``accept``, only the matches it accepts (the others stay as they are).
    struct Replacement {
        var parts: [ReplacementPart]
        var group: Int?
        var accept: (@Sendable (Groups) -> Bool)?
    }

    /// `text` with every match replaced by `replacement`, how many and where; `nil` when there
    /// were none.
    ///
    /// A match that PCRE2 cannot finish (a limit reached on hostile text) fails closed: the
    /// rest of the text from where it started is replaced as one match.
    func replacing(in text: String, with replacement: [ReplacementPart]) -> Replaced? {
        replacing(in: text, with: Replacement(parts: replacement))
    }

    /// A text with matches replaced: how many, and where (``TextEdit``s, in order).
    struct Replaced {
        var text: String
        var count: Int
        var edits: [TextEdit]
    }

    /// `text` with the matches `replacement` accepts replaced as it says; `nil` when there were none.
    ///
    /// With `starts`, UTF-8 offsets in increasing order, the pattern is tried only at each of
    /// them that no earlier match covers (an anchored pattern: only there), not searched for.
    func replacing(in text: String, with replacement: Replacement, startingAt starts: [Int]? = nil) -> Replaced? {
        var text = text
        return text.withUTF8 { bytes -> Replaced? in
            if bytes.baseAddress == nil {
                // Empty text may have no storage: match on an empty buffer that has an address.
                var zero: UInt8 = 0
                return withUnsafePointer(to: &zero) {
                    replacing(in: UnsafeBufferPointer(start: $0, count: 0), with: replacement, startingAt: starts)
                }
            }
            return replacing(in: bytes, with: replacement, startingAt: starts)
        }
    }

    private func replacing(
        in bytes: UnsafeBufferPointer<UInt8>, with replacement: Replacement, startingAt starts: [Int]?
    ) -> Replaced? {
        guard let base = bytes.baseAddress, let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
        defer { pcre2_match_data_free_8(data) }
        var output: [UInt8] = []
        var edits: [TextEdit] = []
        var copied = 0
        var offset = 0
        var count = 0
        var nextStart = starts?.startIndex ?? 0
        while offset <= bytes.count {
            if let starts {
                // The next start no match has covered yet.
                while nextStart < starts.endIndex, starts[nextStart] < offset { nextStart += 1 }
                guard nextStart < starts.endIndex, starts[nextStart] <= bytes.count else { break }
                offset = starts[nextStart]
                nextStart += 1
            }
            let result = pcre2_match_8(code, base, bytes.count, offset, PCRE2_NO_UTF_CHECK, data, nil)
            if result == PCRE2_ERROR_NOMATCH {
                guard starts != nil else { break }
                continue
            }
            if count == 0 { output.reserveCapacity(bytes.count) }
            guard result > 0, let vector = pcre2_get_ovector_pointer_8(data) else {
                output.append(contentsOf: bytes[copied..<offset])
                let start = output.count
                Self.append(replacement.parts, groups: nil, groupCount: 0, bytes: bytes, to: &output)
                edits.append(TextEdit(range: offset..<bytes.count, count: output.count - start))
                copied = bytes.count
                count += 1
                break
            }
            let groups = Groups(vector: vector, count: Int(result), bytes: bytes)
            let match = vector[0]..<vector[1]
            // An empty match moves on by one character (rules never match empty text).
            offset = match.isEmpty ? Self.nextCharacter(after: match.upperBound, in: bytes) : match.upperBound
            // What goes: only the group's text with a group (a key, quotes stay), else the match;
            // nothing for a match turned down or whose group took no part.
            let replaced: Range<Int>? = if let number = replacement.group { groups.range(number) } else { match }
            guard replacement.accept?(groups) ?? true, let replaced else { continue }
            output.append(contentsOf: bytes[copied..<replaced.lowerBound])
            let start = output.count
            Self.append(replacement.parts, groups: vector, groupCount: Int(result), bytes: bytes, to: &output)
            edits.append(TextEdit(range: replaced, count: output.count - start))
            output.append(contentsOf: bytes[replaced.upperBound..<match.upperBound])
            copied = match.upperBound
            count += 1
        }
        guard count > 0 else { return nil }
        output.append(contentsOf: bytes[copied...])
        return Replaced(text: String(decoding: output, as: UTF8.self), count: count, edits: edits)
    }

    private static func append(
        _ replacement: [ReplacementPart], groups: UnsafeMutablePointer<Int>?, groupCount: Int,
        bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
    ) {
        for part in replacement {
            switch part {
            case .literal(let literal):
                output.append(contentsOf: literal)
            case .group(let number):
                guard let groups, number < groupCount else { continue }
                let start = groups[2 * number]
                let end = groups[2 * number + 1]
                // An unset group's offsets are PCRE2_UNSET, all bits set: -1 as an Int.
                if start >= 0, end >= start { output.append(contentsOf: bytes[start..<end]) }
            }
        }
    }

    /// The offset of the character after the one at `offset` (UTF-8 continuation bytes skipped).
    private static func nextCharacter(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// A replacement template in the syntax rules files use: `$1`…`$9` is a group's text, `\$`
    /// and `\\` are `$` and `\`, everything else is itself.
    static func replacement(_ template: String) -> [ReplacementPart] {
        var parts: [ReplacementPart] = []
        var literal: [UInt8] = []
        var bytes = Array(template.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\\"), let next = bytes.first, next == UInt8(ascii: "$") || next == UInt8(ascii: "\\") {
                literal.append(next)
                bytes = bytes.dropFirst()
            } else if byte == UInt8(ascii: "$"), let digit = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = []
                parts.append(.group(Int(digit - UInt8(ascii: "0"))))
                bytes = bytes.dropFirst()
            } else {
                literal.append(byte)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }
}
