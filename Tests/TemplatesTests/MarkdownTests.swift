import Testing
import TestSupport
@testable import Templates

/// Hostile values that must stay plain text wherever a template puts them.
let hostileValues: [String] = [
    "<script>alert(1)</script>",
    "a | b | c",
    "# heading?",
    "1. list item?",
    "2) list item?",
    "- bullet?",
    "+ bullet?",
    "> quote?",
    "=== setext?",
    "line one\nline two\n# heading on line two",
    "line\r\nwith\u{2028}odd\u{0085}breaks",
    "```\nfence\n```",
    "~~~ tilde fence",
    "`code` and ``double``",
    "*emphasis* _under_ **strong** ~~strike~~",
    "[link](javascript:alert(1)) ![img](x)",
    "<img src=x onerror=alert(1)>",
    "&lt;entity&gt; &amp; &#x3C;",
    "back\\slash\\| escaped pipe",
    "trailing spaces for a hard break   ",
    "    indented code?",
    "\u{0}\u{1B}[31mcontrol\u{7F}",
    "مرحبا RTL \u{202E}override 🔥 emoji",
    "| --- | --- |",
    "<!-- comment -->",
    "http://example.com/<script> and www.example.org",
    String(repeating: "`", count: 40),
]

struct MarkdownInlineTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a|b", "a\\|b"),
        ("<b>", "\\<b\\>"),
        ("# title", "\\# title"),
        ("C# and F#", "C# and F#"),
        ("1. first", "1\\. first"),
        ("version 1.2", "version 1.2"),
        ("snake_case_name", "snake_case_name"),
        ("_leading", "\\_leading"),
        ("two\nlines", "two lines"),
        ("  padded  ", "padded"),
        ("a\u{1B}b", "a\u{241B}b"),
        ("-1 degrees", "-1 degrees"),
        ("- bullet", "\\- bullet"),
        ("---", "\\---"),
        ("+ plus", "\\+ plus"),
        ("===", "\\==="),
        ("#hashtag", "#hashtag"),
        ("## two", "\\## two"),
        ("99.20", "99.20"),
        ("3) third", "3\\) third"),
        ("12.", "12\\."),
        ("x-y", "x-y"),
        ("see http://example.com", "see http\\://example.com"),
        ("www.example.com", "www\\.example.com"),
        ("awww.x", "awww.x"),
        ("10:30:00", "10:30:00"),
    ])
    func escapesExactly(input: String, expected: String) {
        #expect(Markdown.inline(input) == expected)
    }

    /// Markup an escaped inline value must never produce.
    static let forbiddenTags = [
        "<h2", "<ol", "<ul", "<blockquote", "<pre", "<code", "<em", "<strong", "<del",
        "<script", "<img", "<a ", "<hr",
    ]

    func count(_ tag: String, in html: String) -> Int {
        html.components(separatedBy: tag).count - 1
    }

    @Test(arguments: hostileValues)
    func staysInsideItsTableCell(value: String) {
        let markdown = "| Field | Value |\n|---|---|\n| name | \(Markdown.inline(value)) |\n| next | after |\n"
        let html = HTMLRenderer.fragment(fromMarkdown: markdown)
        #expect(count("<tr>", in: html) == 3)
        #expect(count("<td>", in: html) == 4)
        #expect(html.contains("<td>after</td>"))
        for tag in Self.forbiddenTags {
            #expect(!html.contains(tag), "\(tag) from \(value.debugDescription)")
        }
    }

    @Test(arguments: hostileValues)
    func staysInsideItsHeadingAndParagraph(value: String) {
        let markdown = "# Title: \(Markdown.inline(value))\n\nBody \(Markdown.inline(value)) end.\n"
        let html = HTMLRenderer.fragment(fromMarkdown: markdown)
        #expect(count("<h1>", in: html) == 1)
        #expect(count("<p>", in: html) == 1)
        #expect(count("<table", in: html) == 0)
        for tag in Self.forbiddenTags {
            #expect(!html.contains(tag), "\(tag) from \(value.debugDescription)")
        }
    }
}

struct MarkdownInertTextTests {
    /// The byte-level shortcut may only skip text that escaping would leave unchanged.
    @Test(arguments: 0..<4)
    func theShortcutNeverSkipsTextThatNeedsEscaping(seed: Int) {
        let alphabet = Array("aZw9 0-.:/_#+=)(*[]|<>`~&\\,;'\"!@%$\tW1.{}^?é\n")
        var random = SeededRandom(seed: UInt64(seed) + 1)
        var inert = 0
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<(1 + random.below(16)) { text.append(random.pick(alphabet)) }
            if Markdown.isInertASCII(text) {
                inert += 1
                #expect(Markdown.escapedInline(text) == text, "\(text)")
            }
        }
        #expect(inert > 100)
    }

    @Test(arguments: [
        ("payments-api", true), ("2026-10-01 08:00:00 UTC", true), ("12m 03s", true), ("1. item", false),
        ("-x", false), ("see http://x", false), ("www.example.com", false), ("a_b", true), ("ñ", false),
        ("trailing ", false), ("", false), ("3.5", false), ("node-7", true), ("awaiting_approval", true), ("a_", false),
        ("a _b", false), ("cart oom #12", true), ("f(x) = y + 1", true), ("3) x", false), ("step 3) x", true),
        ("a www.b", false), ("WwW.b", false), ("a=b", true), ("{x}^2", false), ("x{y}^2!", true),
    ])
    func knowsInertText(text: String, expected: Bool) {
        #expect(Markdown.isInertASCII(text) == expected)
        #expect(Markdown.inline(text) == Markdown.escapedInline(text))
    }
}

struct MarkdownCodeBlockTests {
    @Test(arguments: [
        ("no backticks", "```"),
        ("one ` tick", "```"),
        ("```", "````"),
        ("a ````` run", "``````"),
    ])
    func fenceIsLongerThanAnyBacktickRun(text: String, fence: String) {
        let block = Markdown.codeBlock(text)
        #expect(block.hasPrefix(fence + "\n"))
        #expect(block.hasSuffix("\n" + fence))
        #expect(!block.hasPrefix(fence + "`"))
    }

    @Test(arguments: hostileValues)
    func keepsTextInOneCodeBlock(value: String) {
        let markdown = "Before.\n\n" + Markdown.codeBlock(value, language: "text") + "\n\nAfter.\n"
        let html = HTMLRenderer.fragment(fromMarkdown: markdown)
        #expect(html.components(separatedBy: "<pre").count - 1 == 1)
        #expect(html.hasSuffix("<p>After.</p>\n"))
        #expect(!html.contains("<script"))
    }

    @Test func keepsTheTextVerbatim() {
        let text = "line 1\n  indented `x` <b>&amp;\n```\nlast"
        let html = HTMLRenderer.fragment(fromMarkdown: Markdown.codeBlock(text))
        let expected = "line 1\n  indented `x` &lt;b&gt;&amp;amp;\n```\nlast\n"
        #expect(html == "<pre><code>\(expected)</code></pre>\n")
    }

    @Test func normalisesLineEndingsAndShowsControls() {
        #expect(Markdown.codeBlock("a\r\nb\rc\u{7}") == "```\na\nb\nc\u{2407}\n```")
    }

    /// The byte-level block equals a scalar-by-scalar reading of the same rules.
    @Test(arguments: [
        "", "\n", "x", "a\r\n\r\nb\n\r", "\u{0}\u{1B}[31m\u{7F}", "\u{80}\u{85}\u{9F}\u{A0}\u{BF}\u{C0}é",
        "ñandú 🚨 \u{2028} ``` `", "trailing\r", "\t\ttab", "``\u{85}```\r\r\n\n\u{A9}\u{1F}", "\u{85}",
    ])
    func matchesTheScalarRules(text: String) {
        #expect(Markdown.codeBlock(text) == Self.scalarCodeBlock(text))
    }

    /// Text long enough to be read eight bytes at a time, with one byte that matters at every
    /// position of a word and across two.
    @Test(arguments: ["`", "```", "\r\n", "\r", "\u{7}", "\u{7F}", "\u{85}", "\u{A0}", "é", "\t", "\n"])
    func findsWhatMattersAtEveryOffset(special: String) {
        for offset in 0..<20 {
            let text = String(repeating: "x", count: offset) + special + String(repeating: "y", count: 19 - offset) + "\n"
            #expect(Markdown.codeBlock(text) == Self.scalarCodeBlock(text), "\(text.debugDescription)")
        }
    }

    static func scalarCodeBlock(_ text: String) -> String {
        var body = ""
        var previousWasCR = false
        var run = 0
        var longestRun = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": body.unicodeScalars.append("\n")
            case "\n": if !previousWasCR { body.unicodeScalars.append("\n") }
            case "\t": body.unicodeScalars.append(scalar)
            default: body.unicodeScalars.append(Markdown.visible(scalar))
            }
            previousWasCR = scalar == "\r"
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        if !body.isEmpty, !body.hasSuffix("\n") { body += "\n" }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return fence + "\n" + body + fence
    }

    @Test func dropsAnUnsafeLanguageTag() {
        #expect(Markdown.codeBlock("x", language: "sh onclick=1").hasPrefix("```\n"))
        #expect(Markdown.codeBlock("x", language: "sh").hasPrefix("```sh\n"))
    }
}
