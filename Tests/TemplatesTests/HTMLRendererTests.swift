import Testing
@testable import Templates

struct HTMLRendererTests {
    @Test func rendersPipeTables() {
        let html = HTMLRenderer.fragment(fromMarkdown: "| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>2</td>"))
    }

    @Test(arguments: [
        ("~~gone~~", "<del>gone</del>"),
        ("- [x] done", "checked=\"\""),
        ("see https://example.com now", "<a href=\"https://example.com\">"),
    ])
    func enablesTheGitHubExtensions(markdown: String, expected: String) {
        #expect(HTMLRenderer.fragment(fromMarkdown: markdown).contains(expected))
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<div onclick=\"x()\">hi</div>",
        "text <img src=x onerror=alert(1)> text",
        "<iframe src=\"https://evil\"></iframe>",
    ])
    func neverPassesRawHTML(markdown: String) {
        let html = HTMLRenderer.fragment(fromMarkdown: markdown)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("<iframe"))
    }

    @Test func dropsJavascriptLinks() {
        let html = HTMLRenderer.fragment(fromMarkdown: "[x](javascript:alert(1))")
        #expect(!html.contains("javascript:"))
    }

    @Test func buildsAStandalonePage() {
        let body = HTMLRenderer.fragment(fromMarkdown: "# Hi\n\n| a |\n|---|\n| 1 |\n", anchors: true)
        let page = HTMLPage.document(title: "Post-mortem: <script>x</script>", language: "es", body: body)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("<title>Post-mortem: &lt;script&gt;x&lt;/script&gt;</title>"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("<style>"))
        #expect(page.contains("<table>"))
        #expect(page.contains("<html lang=\"es\">"))
        #expect(page.contains("<h1 id=\"hi\">Hi</h1>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }
}
