import Foundation
import Templates

/// Exports stored post-mortems (as people left them; nothing is re-rendered) for wikis.
public struct Exporter: Sendable {
    public let settings: ReportSettings
    public let connectionString: String?
    /// Applied to the whole page: an export leaves the database.
    public let redactor: Redactor

    public init(settings: ReportSettings, connectionString: String?, redactor: Redactor = .standard) {
        self.settings = settings
        self.connectionString = connectionString
        self.redactor = redactor
    }

    /// Writes one file per resolved incident with a post-mortem, and an index. Files are
    /// replaced atomically; nothing else in the folder is touched.
    public func export(_ options: ExportOptions) throws -> ExportSummary {
        do {
            try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        } catch {
            throw GenerateError.outputDirectory(options.output.path, error.localizedDescription)
        }
        let store = try IncidentStore(connectionString: connectionString)
        let ids = Array(Set(options.incidentIDs)).sorted().map(\.text)
        let security = try store.rowSecurity()
        try security.check(writing: false, requested: ids)
        let query = IncidentStore.Query(kind: .all, ids: ids.isEmpty ? nil : ids, since: options.since, until: options.until)
        var summary = ExportSummary()
        var entries: [ExportIndex.Entry] = []
        var after: String?
        while true {
            let batch = try store.transaction(readOnly: true) {
                try store.batch(query, after: after, limit: 200, lock: false)
            }
            for stored in batch {
                let incident = redactor.redact(stored, counts: &summary.redactions)
                guard incident.status == .resolved else {
                    summary.failed.append(
                        .init(id: incident.id, reason: "status is '\(incident.status)'; only resolved incidents are exported"))
                    continue
                }
                guard let text = stored.postMortem, text.contains(where: { !$0.isWhitespace }) else {
                    summary.withoutPostMortem.append(incident.id)
                    continue
                }
                let document = redactor.redact(text, counts: &summary.redactions)
                let file = OutputFiles.baseName(for: incident) + "." + options.format.fileExtension
                do {
                    try OutputFiles.write(content(incident, document, options.format), to: options.output.appendingPathComponent(file))
                    entries.append(.init(incident: incident, file: file))
                    summary.exported.append(incident.id)
                } catch {
                    summary.failed.append(.init(id: incident.id, reason: "cannot write \(file): \(error.localizedDescription)"))
                }
            }
            guard batch.count == 200, let last = batch.last else { break }
            after = last.id
        }
        for id in ids
        where !entries.contains(where: { $0.incident.id == id }) && !summary.withoutPostMortem.contains(id)
            && !summary.failed.contains(where: { $0.id == id })
        {
            summary.failed.append(.init(id: id, reason: security.notFoundReason))
        }
        let index = ExportIndex(entries: entries, settings: settings)
        let (name, text): (String, String) =
            switch options.format {
            case .html: ("index.html", index.html)
            case .fragment: ("index.xhtml", "<div class=\"sentinel-report\">\n" + index.body + "</div>\n")
            case .markdown: ("Home.md", index.markdown)
            }
        try OutputFiles.write(text, to: options.output.appendingPathComponent(name))
        summary.index = options.output.appendingPathComponent(name).path
        return summary
    }

    private func content(_ incident: Incident, _ document: String, _ format: ExportOptions.Format) -> String {
        let page = PostMortemPage(incident: incident, document: document, settings: settings)
        switch format {
        case .html: return page.html
        case .fragment: return "<div class=\"sentinel-report\">\n" + page.body + "</div>\n"
        case .markdown: return DocumentRegions.withoutMarkers(document)
        }
    }
}
