import ArgumentParser
import Foundation
import PostMortem

extension SentinelReport {
    /// `sentinel-report export`: post-mortems as pages for a wiki.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exports the stored post-mortems as HTML pages, XHTML fragments or markdown for a wiki.",
            discussion: """
                Exports resolved incidents' post-mortems exactly as stored (with every human edit; \
                nothing is re-rendered), with an index. Pages are self-contained: inline CSS, inline SVG \
                pictures, no JavaScript, no external assets. Files are named \
                <yyyy-mm-dd>-<slug>-<first 8 of id> and replaced atomically; nothing else in the folder \
                is touched. Incidents without a post-mortem are listed, not invented. The database is \
                only read.

                Examples:
                  sentinel-report export --output wiki
                  sentinel-report export --output confluence --format fragment --since 2026-11-01
                  sentinel-report export --output wiki.git --format markdown --locale es

                Exit status: 0 done, 1 some incident could not be exported, 2 fatal error, 64 usage error.
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var template: TemplateOptions
        @OptionGroup var redaction: RedactionOptions
        @OptionGroup var selection: SelectionOptions

        @Option(help: ArgumentHelp("The folder to write to; created if missing.", valueName: "dir"))
        var output: String

        @Option(help: ArgumentHelp("html (pages and index.html), fragment (XHTML bodies) or markdown (and Home.md).", valueName: "format"))
        var format: ExportOptions.Format = .html

        @Option(
            name: .customLong("incident-url"),
            help: ArgumentHelp("Link each page back to the dashboard: a URL with {id}.", valueName: "https://…/{id}"))
        var incidentURL: String?

        func validate() throws {
            if let incidentURL { try ReportOptions.validate(incidentURL: incidentURL) }
        }

        func run() throws {
            let summary = try exitingOnFatalError {
                var settings = ReportSettings(strings: try template.templates().strings)
                settings.incidentURL = incidentURL
                var options = ExportOptions(output: URL(fileURLWithPath: output, isDirectory: true))
                options.format = format
                options.incidentIDs = selection.incidentIDs
                options.since = selection.since
                options.until = selection.until
                return try Exporter(
                    settings: settings, connectionString: try connection.connectionString, redactor: try redaction.redactor()
                ).export(options)
            }
            FileHandle.standardError.write(Data(summary.text.utf8))
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}

extension ExportOptions.Format: ExpressibleByArgument {}
