import Templates

/// The index of an export: every exported post-mortem, newest first, grouped by month.
public struct ExportIndex {
    /// One exported post-mortem.
    public struct Entry: Sendable {
        public var incident: Incident
        /// The exported file's name, relative to the index.
        public var file: String
    }

    public var entries: [Entry]
    public var settings: ReportSettings

    private var words: Strings.Index { settings.strings.index }

    /// Entries by month (`yyyy-mm`), newest month first, newest incident first within it.
    var months: [(month: String, entries: [Entry])] {
        let sorted = entries.sorted { ($0.incident.createdAt, $0.incident.id) > ($1.incident.createdAt, $1.incident.id) }
        var months: [(month: String, entries: [Entry])] = []
        for entry in sorted {
            let month = String(entry.incident.createdAt.utcDate.prefix(7))
            if months.last?.month == month {
                months[months.count - 1].entries.append(entry)
            } else {
                months.append((month, [entry]))
            }
        }
        return months
    }

    func timeToResolve(_ incident: Incident) -> String {
        incident.resolvedAt.map { settings.strings.text(of: incident.createdAt.duration(to: $0)) } ?? "—"
    }

    private var columns: [String] {
        [words.detected, words.incidentTitle, words.severity, words.target, words.timeToResolve]
    }

    /// The index as well-formed XHTML inside one element.
    public var body: String {
        var html = "<section class=\"index\">\n<h1>\(HTMLPage.escape(words.title))</h1>\n"
        if entries.isEmpty { html += "<p>\(HTMLPage.escape(words.empty))</p>\n" }
        for (month, entries) in months {
            html +=
                "<h2 id=\"m-\(month)\">\(month)</h2>\n<table>\n<thead><tr>"
                + columns.map { "<th>\(HTMLPage.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for entry in entries {
                let incident = entry.incident
                let severity = HTMLPage.escape(incident.severity)
                let severityName = HTMLPage.escape(settings.strings.name(ofSeverity: incident.severity))
                html +=
                    "<tr><td>\(incident.createdAt.utcDate)</td>"
                    + "<td><a href=\"\(HTMLPage.escape(entry.file))\">\(HTMLPage.escape(incident.title))</a></td>"
                    + "<td class=\"sev-\(severity)\">\(severityName)</td><td>\(HTMLPage.escape(incident.target))</td>"
                    + "<td>\(timeToResolve(incident))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html + "</section>\n"
    }

    public var html: String {
        HTMLPage.document(title: words.title, language: settings.locale, body: body)
    }

    /// The index as markdown (`Home.md`), with relative links.
    public var markdown: String {
        var text = "# \(Markdown.inline(words.title))\n"
        if entries.isEmpty { text += "\n\(Markdown.inline(words.empty))\n" }
        for (month, entries) in months {
            text +=
                "\n## \(month)\n\n| " + columns.map(Markdown.inline).joined(separator: " | ") + " |\n|"
                + String(repeating: "---|", count: 5) + "\n"
            for entry in entries {
                let incident = entry.incident
                let link = entry.file.replacingOccurrences(of: " ", with: "%20")
                text +=
                    "| \(incident.createdAt.utcDate) | [\(Markdown.inline(incident.title))](\(link)) | "
                    + "\(Markdown.inline(settings.strings.name(ofSeverity: incident.severity))) | \(Markdown.inline(incident.target)) | \(timeToResolve(incident)) |\n"
            }
        }
        return text
    }
}
