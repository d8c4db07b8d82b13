import Foundation
import Templates

/// The HTML of one stored post-mortem, for wikis: metadata, pictures, then the document.
///
/// Shared by `generate --html` and `export`. The document is rendered by cmark-gfm in safe mode,
/// without sentinel-report's region markers, with anchors on its headings.
public struct PostMortemPage {
    public var incident: Incident
    /// The post-mortem as stored.
    public var document: String
    public var settings: ReportSettings
    /// The incident's facts for the pictures.
    public var facts: ReportModel.Facts

    /// A page for `incident`; `facts` are derived from it unless the caller has them already.
    public init(incident: Incident, document: String, settings: ReportSettings, facts: ReportModel.Facts? = nil) {
        self.incident = incident
        self.document = document
        self.settings = settings
        self.facts = facts ?? ReportModel.Facts(incident: incident, strings: settings.strings)
    }

    private var words: Strings.Page { settings.strings.page }

    /// The document with the metadata and charts after its title block (the `header` region),
    /// as well-formed XHTML inside one `<article>`; before the document when it has no such region.
    public var body: String {
        // A paragraph of its own where the header region ends, found again in the HTML: a token
        // no document holds, so a person's text can never be taken for it.
        let token = "sentinelreportpage" + UUID().uuidString.filter(\.isHexDigit)
        let headerEnd = "\n" + DocumentRegions.endPrefix + "header" + DocumentRegions.suffix + "\n"
        var marked = document
        if let end = marked.range(of: headerEnd) { marked.replaceSubrange(end, with: "\n\n\(token)\n\n") }
        let html = HTMLRenderer.fragment(fromMarkdown: DocumentRegions.withoutMarkers(marked), anchors: true)
        let paragraph = "<p>\(token)</p>\n"
        guard html.contains(paragraph) else {
            // Inside a block a person left open: the token is text there, and is taken out.
            return "<article class=\"post-mortem\">\n" + extras + html.replacingOccurrences(of: token, with: "") + "</article>\n"
        }
        return "<article class=\"post-mortem\">\n" + html.replacingOccurrences(of: paragraph, with: extras) + "</article>\n"
    }

    /// The metadata block and the pictures.
    private var extras: String {
        var html = metadata + "\n"
        let phases = Charts.phases(facts.timeline, names: settings.strings.phases)
        if let bar = Charts.phaseBar(phases, title: words.phasesTitle, units: Span.Units(settings.strings.durationUnits)) {
            html += "<figure>\(bar)<figcaption>\(HTMLPage.escape(words.phasesCaption))</figcaption></figure>\n"
        }
        if let bars = Charts.metricBars(facts.metrics, title: words.percentagesTitle) {
            html += "<figure>\(bars)<figcaption>\(HTMLPage.escape(words.percentagesCaption))</figcaption></figure>\n"
        }
        return html
    }

    /// A standalone page.
    public var html: String {
        HTMLPage.document(
            title: words.title.replacingOccurrences(of: "{title}", with: incident.title), language: settings.locale, body: body)
    }

    private var metadata: String {
        let header = document.split(separator: "\n", maxSplits: 1).first.flatMap { DocumentRegions.Header(line: $0) }
        let id = HTMLPage.escape(incident.id)
        let idHTML = settings.link(for: incident.id).map { "<a href=\"\(HTMLPage.escape($0))\">\(id)</a>" } ?? id
        var rows: [(String, String)] = [
            (words.incident, idHTML),
            (words.updated, incident.postMortemUpdatedAt.map { HTMLPage.escape($0.utcText) + " UTC" } ?? "—"),
        ]
        if let header {
            rows.append(("sentinel-report", HTMLPage.escape(header.toolVersion)))
            rows.append((words.templates, HTMLPage.escape(header.templateSet)))
        } else {
            rows.append((words.writtenBy, HTMLPage.escape(words.notGenerated)))
        }
        return "<dl class=\"meta\">" + rows.map { "<dt>\(HTMLPage.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }
}
