import ArgumentParser
import Foundation
import Logging
import PostMortem

extension SentinelReport {
    /// `sentinel-report generate`: writes post-mortems back to the database (and to files).
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generates and stores post-mortems for resolved incidents, keeping every human edit.",
            discussion: """
                Without --incident, selects every incident with status 'resolved' whose post-mortem is \
                missing or whose inputs (the incident row, its timeline, the templates, the document \
                format) changed since it was generated. Generated sections that nobody edited are \
                replaced; sections a person edited, and everything a person added, are kept; a \
                post-mortem written by anyone else is kept verbatim in its own section. A document whose \
                text would not change is not written at all. Incidents that are not resolved are never \
                touched. Several runs may work on the same database at once: each claims its incidents. \
                Incidents resolved less than --settle ago are left for a later run (Sentinel's own \
                writer may still replace what is stored); documents are kept under --max-chars \
                characters by cutting their longest generated parts, so the dashboard can save them.

                Examples:
                  sentinel-report generate                                  # the nightly run
                  sentinel-report generate --since 2026-11-01 --limit 500 --json
                  sentinel-report generate --incident 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b --force
                  sentinel-report generate --dry-run --output preview --html

                Exit status: 0 done (also with conflicts, or nothing to do), 1 some incident failed, \
                2 fatal error (cannot connect, row-level security hides the rows, bad templates, \
                connection lost), 64 usage error.
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var redaction: RedactionOptions
        @OptionGroup var selection: SelectionOptions

        @Flag(help: "Re-render every selected incident, not only those whose inputs changed (still keeping every edit).")
        var force = false

        @Flag(help: "Render, but write nothing to the database.")
        var dryRun = false

        @Option(help: ArgumentHelp("Process at most this many incidents.", valueName: "n"))
        var limit: Int?

        @Option(
            help: ArgumentHelp(
                "Leave incidents resolved less than this long ago (15m, 1h30m; 0 for none) for a later run, while Sentinel's own "
                    + "post-mortem writer may still replace what is stored. --incident generates them anyway.",
                valueName: "duration"))
        var settle = GenerateOptions.defaultSettle

        @Option(help: ArgumentHelp("Also write each post-mortem to this folder as <date>-<slug>-<id8>.md.", valueName: "dir"))
        var output: String?

        @Flag(help: "With --output, also write a standalone .html page for each post-mortem.")
        var html = false

        @Flag(help: "Print the summary as one JSON object on stdout.")
        var json = false

        @Option(
            help: ArgumentHelp(
                "trace, debug, info, notice, warning, error or critical (default: info, or warning on a terminal).",
                valueName: "level"))
        var logLevel: Logger.Level?

        func validate() throws {
            if html && output == nil {
                throw ValidationError("--html needs --output DIR to say where the pages go.")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() throws {
            let reporter = ProgressReporter(logLevel: logLevel)
            let summary = try exitingOnFatalError {
                var options = GenerateOptions()
                options.incidentIDs = selection.incidentIDs
                options.force = force
                options.dryRun = dryRun
                options.since = selection.since
                options.until = selection.until
                options.limit = limit
                options.settle = settle
                options.outputDirectory = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                options.html = html
                let templates = try report.templates()
                let generator = PostMortemGenerator(
                    templates: templates, settings: report.settings(for: templates),
                    connectionString: try connection.connectionString, redactor: try redaction.redactor(), logger: reporter.logger)
                return try generator.generate(options, countFirst: reporter.isTerminal, progress: reporter.report)
            }
            reporter.finish()
            FileHandle.standardError.write(Data(summary.text.utf8))
            if json { print(summary.json) }
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
