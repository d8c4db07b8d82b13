import Foundation
import Logging
import Templates

/// Generates post-mortems: reads incidents in batches, renders them, writes them back and to files.
///
/// The library's front door: the command line builds one generator and calls ``generate(_:)``
/// or ``render(id:)``. A broken incident is reported and the run goes on; a lost connection
/// ends the run with an error.
public struct PostMortemGenerator: Sendable {
    public let templates: TemplateSet
    public let settings: ReportSettings
    public let connectionString: String?
    public var logger: Logger

    public init(
        templates: TemplateSet, settings: ReportSettings = ReportSettings(), connectionString: String?,
        logger: Logger = Logger(label: "sentinel-report")
    ) {
        self.templates = templates
        self.settings = settings
        self.connectionString = connectionString
        self.logger = logger
    }

    private var generator: ReportModel.Generator {
        ReportModel.Generator(version: SentinelReportVersion.current, templateSet: templates.name)
    }

    /// The rendered document of one incident, with its generated marker.
    public func document(for incident: Incident) -> String {
        document(for: incident, facts: ReportModel.Facts(incident: incident, locale: settings.locale))
    }

    func document(for incident: Incident, facts: ReportModel.Facts) -> String {
        let model = ReportModel.make(for: incident, facts: facts, generator: generator, settings: settings)
        let body = templates.render(model, incidentType: incident.incidentType)
        return GeneratedMarker.document(body: body, toolVersion: SentinelReportVersion.current, templateSet: templates.name)
    }

    /// Renders one incident, whatever its status, and writes nothing.
    public func render(id: String) throws -> (incident: Incident, document: String) {
        let id = try IncidentID.validated(id)
        let store = try IncidentStore(connectionString: connectionString)
        guard let incident = try store.incidents(ids: [id]).first else {
            throw GenerateError.incidentNotFound(id)
        }
        return (incident, document(for: incident))
    }

    /// Runs `generate` with `options` and reports what happened to each incident.
    public func generate(_ options: GenerateOptions) throws -> RunSummary {
        var summary = RunSummary()
        summary.dryRun = options.dryRun
        if let directory = options.outputDirectory {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw GenerateError.outputDirectory(directory.path, error.localizedDescription)
            }
        }
        let store = try IncidentStore(connectionString: connectionString)

        if !options.incidentIDs.isEmpty {
            let ids = Array(Set(options.incidentIDs)).sorted()
            let found = try store.incidents(ids: ids)
            for id in ids where !found.contains(where: { $0.id == id }) {
                summary.failed.append(.init(id: id, reason: "no incident has this id"))
            }
            for incident in found {
                try process(incident, options: options, store: store, summary: &summary)
            }
            return summary
        }

        let selection: IncidentStore.Selection = options.force ? .allResolved : .missingPostMortem
        var after: String?
        while true {
            let batch = try store.incidents(selection, after: after, limit: options.batchSize)
            logger.debug("read a batch", metadata: ["incidents": "\(batch.count)"])
            for incident in batch {
                try process(incident, options: options, store: store, summary: &summary)
            }
            guard batch.count == options.batchSize, let last = batch.last else { break }
            after = last.id
        }
        return summary
    }

    /// Decides, renders and writes one incident; only a lost connection escapes as an error.
    private func process(
        _ incident: Incident, options: GenerateOptions, store: IncidentStore, summary: inout RunSummary
    ) throws {
        guard incident.status == "resolved" else {
            summary.failed.append(
                .init(id: incident.id, reason: "status is '\(incident.status)'; only resolved incidents get a post-mortem"))
            return
        }
        if let existing = incident.postMortem, existing.contains(where: { !$0.isWhitespace }) {
            guard options.force else {
                summary.skipped.append(
                    .init(id: incident.id, reason: "already has a post-mortem; --force regenerates one sentinel-report wrote"))
                return
            }
            switch GeneratedMarker.origin(of: existing) {
            case .generated: break
            case .editedAfterGeneration:
                summary.skipped.append(
                    .init(id: incident.id, reason: "its post-mortem was edited after it was generated; kept as it is"))
                return
            case .foreign:
                summary.skipped.append(
                    .init(id: incident.id, reason: "its post-mortem was not written by sentinel-report; kept as it is"))
                return
            }
        }

        let facts = ReportModel.Facts(incident: incident, locale: settings.locale)
        let document = document(for: incident, facts: facts)
        for note in facts.notes { summary.dataQuality[note.kind.rawValue, default: 0] += 1 }
        if document == incident.postMortem {
            summary.unchanged.append(incident.id)
        } else if !options.dryRun {
            switch try store.writePostMortem(id: incident.id, text: document, expected: incident.postMortem) {
            case .written:
                break
            case .conflict:
                summary.skipped.append(.init(id: incident.id, reason: "changed by someone else during the run; left as it is"))
                return
            case .rejected(let error):
                summary.failed.append(.init(id: incident.id, reason: error.description))
                return
            }
            summary.generated.append(incident.id)
        } else {
            summary.generated.append(incident.id)
        }
        logger.debug("post-mortem ready", metadata: ["incident": "\(incident.id)"])

        if let directory = options.outputDirectory {
            let base = directory.appendingPathComponent(OutputFiles.baseName(for: incident))
            do {
                try OutputFiles.write(document, to: base.appendingPathExtension("md"))
                if options.html {
                    let page = HTMLPage.render(markdown: document, title: "Post-mortem: \(incident.title)")
                    try OutputFiles.write(page, to: base.appendingPathExtension("html"))
                }
            } catch {
                summary.failed.append(.init(id: incident.id, reason: "cannot write \(base.path): \(error.localizedDescription)"))
            }
        }
    }
}
