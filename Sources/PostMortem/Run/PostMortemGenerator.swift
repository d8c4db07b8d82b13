import Bytes
import Foundation
import Logging
import Synchronization
import Templates

/// Generates post-mortems: claims incidents in batches, renders them, merges them losslessly
/// into what is stored, and writes them back and to files.
///
/// The library's front door: the command line builds one generator and calls ``generate(_:progress:)``
/// or ``render(id:)``. A broken incident is reported and the run goes on; a lost connection
/// ends the run with an error, and every batch committed before it is complete.
public struct PostMortemGenerator: Sendable {
    public let templates: TemplateSet
    public let settings: ReportSettings
    public let connectionString: String?
    /// Applied to every text taken from an incident, and to whole documents that leave the database.
    public var redactor: Redactor
    public var logger: Logger

    /// A generator rendering with `templates`; `settings` default to the set's strings and
    /// nothing else changed.
    public init(
        templates: TemplateSet, settings: ReportSettings? = nil, connectionString: String?,
        redactor: Redactor = .standard, logger: Logger = Logger(label: "sentinel-report")
    ) {
        self.templates = templates
        self.settings = settings ?? ReportSettings(strings: templates.strings)
        self.connectionString = connectionString
        self.redactor = redactor
        self.logger = logger
    }

    /// How far a run has got, reported after every batch.
    public struct Progress: Sendable {
        public var done: Int
        /// How many incidents the run selected when it started, when counted.
        public var total: Int?
        public var elapsedSeconds: Double
    }

    /// What the documents depend on besides the incident: the model's version, templates,
    /// format, settings and redaction rules.
    var seed: String {
        var hasher = FNV1a()
        for part in [
            String(ReportModel.version), String(DocumentRegions.formatVersion), templates.name, templates.fingerprint,
            settings.incidentURL ?? "", String(settings.logLines), settings.maxCharacters.map(String.init) ?? "-",
        ] {
            hasher.combine(part)
        }
        for rule in redactor.rules {
            hasher.combine(rule.name)
            hasher.combine(rule.pattern)
            hasher.combine(rule.replacement)
        }
        return hasher.hex
    }

    /// The document for `incident` merged into its stored post-mortem, and the conflicts found.
    public func document(for incident: Incident) -> DocumentMerge.Result {
        document(for: incident, facts: ReportModel.Facts(incident: incident, strings: settings.strings)).merged
    }

    /// The document for `incident` merged into its stored post-mortem, its generated parts cut
    /// as far as needed to stay under ``ReportSettings/maxCharacters``, and what was cut.
    ///
    /// `written` is when the document would be written (the transaction's time, which the
    /// write stamps as `post_mortem_updated_at`); `nil` for a document only shown. A stored
    /// document nobody saved since it was written, which differs from the new one only in that
    /// time, is returned as it is: there is nothing to write.
    func document(
        for incident: Incident, facts: ReportModel.Facts, written: Timestamp? = nil
    ) -> (merged: DocumentMerge.Result, fit: DocumentFit) {
        let generator = ReportModel.Generator(version: SentinelReportVersion.current, templateSet: templates.name)
        let layout = templates.layouts[templates.documentName(for: incident.incidentType)]?.sections ?? []
        let header = DocumentRegions.Header(
            toolVersion: SentinelReportVersion.current, templateSet: templates.name, inputs: incident.inputs ?? "-",
            written: written.map { String($0.microseconds) } ?? "-",
            edited: facts.review.lastEdited.map { String($0.microseconds) }, regions: [])
        var (merged, fit) = DocumentFit.fitting(incident, facts: facts, settings: settings) { cuts in
            let model = ReportModel.make(
                for: incident, facts: facts, generator: generator, settings: settings, cuts: cuts, layout: layout)
            let regions = DocumentRegions.regions(templates.sections(model, incidentType: incident.incidentType))
            var header = header
            header.regions = regions.map(\.name)
            return DocumentMerge.merge(
                stored: facts.stored, regions: regions, header: header,
                earlierHeading: templates.render(model, template: TemplateSet.earlierName))
        }
        if let stored = facts.stored, let storedHeader = stored.header,
            ReviewState.isCurrent(stored, updatedAt: incident.postMortemUpdatedAt),
            DocumentMerge.differsOnlyInWritten(merged.text, from: stored.text, storedHeader: storedHeader)
        {
            merged.text = stored.text
        }
        return (merged, fit)
    }

    /// The standalone HTML page of a document, as `export` writes it.
    public func page(for incident: Incident, document: String, facts: ReportModel.Facts? = nil) -> String {
        PostMortemPage(incident: incident, document: document, settings: settings, facts: facts).html
    }

    /// Renders one incident, whatever its status, as `generate` would store it; writes nothing.
    /// The whole document is redacted, since it leaves the database.
    public func render(id: IncidentID) throws -> (incident: Incident, document: String) {
        let id = id.text
        let store = try IncidentStore(connectionString: connectionString, logger: logger)
        let security = try store.rowSecurity()
        try security.check(writing: false, requested: [id])
        guard let stored = try store.incidents(ids: [id], seed: seed).first else {
            throw security.mayHideIncidents ? GenerateError.incidentNotVisible(id, role: security.role) : .incidentNotFound(id)
        }
        var counts = Redactor.Counts()
        let incident = redactor.redact(stored, counts: &counts, showingLogLines: settings.logLines)
        return (incident, redactor.redact(document(for: incident).text, counts: &counts))
    }

    /// One incident redacted and rendered, ready to be written.
    struct Rendered: Sendable {
        var incident: Incident
        var facts: ReportModel.Facts?
        var merged: DocumentMerge.Result?
        /// What was cut to keep it under the limit.
        var fit = DocumentFit()
        var counts: Redactor.Counts

        /// The write this incident needs: a resolved incident whose document changed (never to
        /// a blank text, which Sentinel's own writer would take for none).
        var write: IncidentStore.Write? {
            guard incident.status == .resolved, let merged, merged.text != incident.postMortem,
                !merged.isBlank
            else { return nil }
            return IncidentStore.Write(id: incident.id, text: merged.text, expected: incident.postMortem)
        }
    }

    /// Redacts and renders a batch on every core; the results keep the batch's order.
    func render(_ batch: [Incident]) -> [Rendered] {
        let results = Mutex([Rendered?](repeating: nil, count: batch.count))
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            var counts = Redactor.Counts()
            let incident = redactor.redact(batch[index], counts: &counts, showingLogLines: settings.logLines)
            var rendered = Rendered(incident: incident, counts: counts)
            if incident.status == .resolved {
                let facts = ReportModel.Facts(incident: incident, strings: settings.strings)
                rendered.facts = facts
                (rendered.merged, rendered.fit) = document(for: incident, facts: facts, written: incident.readAt)
            }
            results.withLock { $0[index] = rendered }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
