import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Templates

struct EmbeddedMarkdownTests {
    let reasoning = """
        ## Clasificación inicial
        Incidente de memoria.

        ## Causa Raíz
        Fuga de memoria en la **caché** de tarifas.

        ### Detalle
        Tras el despliegue 4.2.0.

        ## Evidencia
        - `OutOfMemoryError`

        | Métrica | Antes |
        |---|---|
        | mem | 99 |
        """

    @Test func demotesHeadingsBelowTheGivenLevel() {
        let nested = EmbeddedMarkdown(reasoning, below: 2).text
        let html = HTMLRenderer.fragment(fromMarkdown: "## Agent analysis\n\n" + nested)
        #expect(html.components(separatedBy: "<h2>").count - 1 == 1)
        #expect(html.components(separatedBy: "<h3>").count - 1 == 3)
        #expect(html.contains("<h4>Detalle</h4>"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<strong>caché</strong>"))
    }

    @Test func extractsTheRootCauseSection() throws {
        let section = try #require(EmbeddedMarkdown(reasoning, below: 2).section(titled: ["Causa raíz", "Root cause"]))
        #expect(section.contains("Fuga de memoria en la **caché** de tarifas."))
        #expect(section.contains("### Detalle"))
        #expect(!section.contains("Evidencia"))
        #expect(!section.contains("Clasificación"))
    }

    @Test(arguments: ["# Root Cause:\nDisk full.", "### ROOT CAUSE\nDisk full."])
    func findsTheEnglishHeadingToo(text: String) {
        #expect(EmbeddedMarkdown(text, below: 2).section(titled: ["Causa raíz", "Root cause"]) == "Disk full.")
    }

    @Test func hasNoSectionWhenNoneMatches() {
        #expect(EmbeddedMarkdown("## Evidencia\nx", below: 2).section(titled: ["Root cause"]) == nil)
        #expect(EmbeddedMarkdown("## Root cause\n## Next\nx", below: 2).section(titled: ["Root cause"]) == nil)
    }

    @Test(arguments: [
        "```\nunclosed fence\n<script>alert(1)</script>",
        "<script>alert(1)</script>\n\ntext <img src=x onerror=alert(2)> more",
        "[click](javascript:alert(1)) ![i](javascript:alert(2))",
        "# h1\n###### h6\n<div onclick=x>",
    ])
    func staysContainedAndInert(text: String) {
        let document = "## Agent analysis\n\n" + EmbeddedMarkdown(text, below: 2).text + "\n## Logs\n\nend\n"
        let html = HTMLRenderer.fragment(fromMarkdown: document)
        #expect(html.contains("<h2>Logs</h2>"))
        #expect(html.hasSuffix("<p>end</p>\n"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=\"x\""))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<h1"))
        #expect(!html.contains("raw HTML omitted"))
    }

    /// Plain text nested without cmark-gfm means what cmark-gfm's re-rendering means, with the
    /// same headings and sections: random documents from plain lines and lines that only look
    /// plain (each of which must send the text to cmark-gfm).
    @Test(arguments: 0..<12)
    func plainTextNestsAsCMarkWould(seed: Int) throws {
        let plain = [
            "Plain text, with punctuation: (yes) 50% done!", "- item one", "- item *two* with `code`", "# Heading",
            "## Causa Raíz", "### Deep", "#### Evidencia", "text with `code` and **bold**", "a \\* escaped",
            "&lt;b&gt; &amp; entity", "www.example.com and https://x.io", "análisis ñ 🚨", "trailing spaces  ", "hard\\",
            "_under_ word", "*em* first", "`code` first", "+1 for this", "", "", "", "1986 was a year", "1986\\. not a list",
            "javascript:alert(1)", "mail a@b.co", "\t", "   ", "- reinicios: 3", "#hashtag", "####### seven", "- `kubectl` item",
        ]
        let lookAlikes = [
            "1. first", "2) second", "- 1. nested", "- - -", "---", "===", "***", "* * *", "___", "-", "- ", "-x", "* star",
            "+ plus", "*", "> quoted", "  indented", "    code", "```", "``` sh", "## Closed ##", "## **Bold** heading",
            "#\ttab heading", "- > quote in item", "- # heading in item", "- ```", "a <b>tag</b>", "[link](x)", "~~strike~~",
            "| a | b |", "- [ ] task", "\u{7}bell", "crlf\r",
        ]
        for lookAlike in lookAlikes {
            #expect(PlainMarkdown.nested("Intro.\n\(lookAlike)\n- item", below: 2) == nil, "\(lookAlike.debugDescription)")
        }
        var random = SeededRandom(seed: UInt64(seed) + 1)
        var accepted = 0
        var rejected = 0
        for _ in 0..<300 {
            let lines = (0..<(1 + random.below(16))).map { _ in random.below(16) == 0 ? random.pick(lookAlikes) : random.pick(plain) }
            let markdown = lines.joined(separator: "\n")
            let reRendered = EmbeddedMarkdown(blocks: CMark.nestedBlocks(markdown, below: 2))
            guard let nested = PlainMarkdown.nested(markdown, below: 2) else {
                rejected += 1
                continue
            }
            accepted += 1
            #expect(lines.allSatisfy(plain.contains), "\(markdown.debugDescription)")
            #expect(Self.html(nested) == Self.html(reRendered), "\(markdown.debugDescription)")
            #expect(nested.headings == reRendered.headings, "\(markdown.debugDescription)")
            for heading in reRendered.headings {
                let titles = EmbeddedMarkdown.Titles([String(heading.drop { $0 != " " }.dropFirst())])
                let viaPlain = nested.section(titled: titles)
                let viaCMark = reRendered.section(titled: titles)
                #expect(
                    viaPlain.map { HTMLRenderer.fragment(fromMarkdown: $0) } == viaCMark.map { HTMLRenderer.fragment(fromMarkdown: $0) })
            }
        }
        #expect(accepted > 60 && rejected > 60, "accepted \(accepted), rejected \(rejected)")
    }

    /// The text ends without any line break, `\n` or other, and keeps everything before.
    @Test(arguments: [
        ("a\n\n", "a"), ("a\r\n\n", "a"), ("a\r\n\u{2028}\n", "a"), ("ñ\u{85}", "ñ"), ("x\r", "x"), ("\n\n", ""),
        ("a\nb", "a\nb"), ("ñ", "ñ"), ("a\u{0B}\u{0C}\n", "a"),
    ])
    func trimsEveryTrailingLineBreak(markdown: String, text: String) {
        #expect(EmbeddedMarkdown(blocks: [CMark.Block(headingLevel: nil, headingText: "", markdown: markdown)]).text == text)
    }

    /// The HTML of blocks nested in a post-mortem. cmark-gfm's renderer separates two lists
    /// with an HTML comment (`<!-- end list -->`), which blocks kept as written do not need:
    /// comments are left out.
    static func html(_ blocks: [CMark.Block]) -> String {
        HTMLRenderer.fragment(fromMarkdown: "## A\n\n" + blocks.map(\.markdown).joined(separator: "\n") + "\n## B\n")
            .replacingOccurrences(of: "<!-- raw HTML omitted -->\n", with: "")
    }

    /// The HTML of a nested text in a post-mortem, as for blocks.
    static func html(_ embedded: EmbeddedMarkdown) -> String {
        HTMLRenderer.fragment(fromMarkdown: "## A\n\n" + embedded.text + "\n\n## B\n")
            .replacingOccurrences(of: "<!-- raw HTML omitted -->\n", with: "")
    }

    /// cmark-gfm keeps the characters that start extension inlines (`~`, autolinks) in one
    /// table for the whole process and clears them after each parse: parses on several threads
    /// at once must still all see them.
    @Test func parsesTheSameOnEveryThread() {
        let markdown = "a ~~struck~~ word and www.example.com, then ~~more~~ of it"
        let expected = HTMLRenderer.fragment(fromMarkdown: EmbeddedMarkdown(markdown, below: 2).text)
        #expect(expected.contains("<del>struck</del>"))
        let different = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<300 where HTMLRenderer.fragment(fromMarkdown: EmbeddedMarkdown(markdown, below: 2).text) != expected {
                different.withLock { $0 += 1 }
            }
        }
        #expect(different.withLock { $0 } == 0)
    }

    /// Headings fold to lower case without accents, blanks around or trailing colons.
    @Test(arguments: [
        ("Root Cause:", "root cause"), ("  ROOT cause ::", "root cause"), ("::", ""), ("Causa Raíz", "causa raiz"),
        ("CAUSA RAÍZ:", "causa raiz"), ("Diseño Ñandú", "diseno nandu"), ("e\u{301}", "e"),
    ])
    func foldsHeadings(title: String, folded: String) {
        #expect(EmbeddedMarkdown.fold(title) == folded)
    }
}
