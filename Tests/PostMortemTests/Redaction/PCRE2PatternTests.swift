import Testing
@testable import PostMortem

/// PCRE2 on a string's UTF-8 bytes: replacements, groups, empty text, and failing closed.
struct PCRE2PatternTests {
    @Test(
        arguments: [
            ("a", "x", "banana", "bxnxnx", 3),
            (#"(\w+)=(\w+)"#, "$2=$1", "k=v and a=b", "v=k and b=a", 2),
            (#"(?i)secret(s)?"#, "[$1]", "SECRET secrets", "[] [s]", 2),
            ("ñ+", "_", "añño ñ", "a_o _", 2),
            ("😀", "\\$\\\\$", "x😀y", "x$\\$y", 1),
            ("zzz", "x", "", "", 0),
            ("b", "$7", "abc", "ac", 1),
        ] as [(String, String, String, String, Int)])
    func replacesEveryMatch(pattern: String, template: String, text: String, expected: String, count: Int) throws {
        let compiled = try PCRE2Pattern(pattern)
        let result = compiled.replacing(in: text, with: PCRE2Pattern.replacement(template))
        #expect(result?.text ?? text == expected)
        #expect(result?.count ?? 0 == count)
        #expect(result?.edits.count ?? 0 == count)
        // The edits, applied to the text, give the result.
        if let result {
            var bytes = Array(text.utf8)
            let output = Array(result.text.utf8)
            var shift = 0
            for edit in result.edits {
                let start = edit.range.lowerBound + shift
                bytes.replaceSubrange(
                    (edit.range.lowerBound + shift)..<(edit.range.upperBound + shift), with: output[start..<(start + edit.count)])
                shift += edit.count - edit.range.count
            }
            #expect(bytes == output)
        }
    }

    @Test func reportsWhereAPatternDoesNotCompile() {
        #expect(throws: PCRE2Pattern.CompileError.self) { try PCRE2Pattern("db-[0-9") }
        do {
            _ = try PCRE2Pattern("ab(c")
        } catch {
            #expect(error.description.contains("at offset 4"))
        }
    }

    @Test func matchesEmptyTextWhenThePatternDoes() throws {
        #expect(try PCRE2Pattern("x*").matches(""))
        #expect(try !PCRE2Pattern("x+").matches(""))
    }

    /// A match PCRE2 cannot finish replaces the rest of the text: a secret never survives a
    /// limit reached on hostile text.
    @Test func failsClosed() throws {
        let pattern = try PCRE2Pattern(#"(?:(a)|b)*SECRET"#)
        let text = "keep " + String(repeating: "a", count: 2_000_000) + "SECRET"
        let result = try #require(pattern.replacing(in: text, with: PCRE2Pattern.replacement("[gone]")))
        // The search started at the first byte: all of it goes.
        #expect(result.text == "[gone]")
    }
}
