import Testing
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

    /// Headings of ASCII and Latin-1 letters are folded without Foundation, the same way
    /// Foundation folds them; anything else goes to Foundation.
    @Test(arguments: [
        "Root Cause:", "  ROOT cause ::", "\tx\t", "::", " :", "x : ", "", "Causa Raíz", "A\u{A0}b", "CAUSA RAÍZ:",
        "Análisis técnico", "Diseño Ñandú", "Straße", "ÆØÅ æøå", "Ÿ ÿ", "e\u{301}", "¿Por qué?", "Ελληνικά",
        String(String.UnicodeScalarView((0xC0...0xFF).compactMap(Unicode.Scalar.init))),
    ])
    func foldsHeadingsLikeFoundation(title: String) {
        #expect(EmbeddedMarkdown.fold(title) == EmbeddedMarkdown.foldWithFoundation(title))
    }
}
