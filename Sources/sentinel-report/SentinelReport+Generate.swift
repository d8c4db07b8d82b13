import ArgumentParser
import Foundation
import Logging
import PostMortem
import Templates

extension SentinelReport {
    /// `sentinel-report generate`: writes post-mortems back to the database (and to files).
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generates and stores post-mortems for resolved incidents.",
            discussion: """
                Without --incident, selects every incident with status 'resolved' whose post_mortem_md is \
                NULL, renders its post-mortem, and stores it with post_mortem_updated_at and updated_at set \
                to now(). Incidents that are not resolved are never touched. A post-mortem written by \
                anything or anyone else is never overwritten, not even with --force.

                Examples:
                  sentinel-report generate --database-url "$SENTINEL_DB"
                  sentinel-report generate --incident 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b --force
                  sentinel-report generate --dry-run --output preview --html

                Exit status: 0 all went well or nothing was due, 1 some incident failed, 2 fatal error \
                (cannot connect, bad templates), 64 usage error.
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var report: ReportOptions

        @Option(name: .customLong("incident"), help: ArgumentHelp("Only this incident id (repeatable).", valueName: "id"))
        var incidentIDs: [String] = []

        @Flag(help: "Also regenerate post-mortems sentinel-report wrote before and nobody edited since.")
        var force = false

        @Flag(help: "Render, but write nothing to the database.")
        var dryRun = false

        @Option(help: ArgumentHelp("Also write each post-mortem to this folder as <date>-<slug>-<id8>.md.", valueName: "dir"))
        var output: String?

        @Flag(help: "With --output, also write a standalone .html page for each post-mortem.")
        var html = false

        func validate() throws {
            for id in incidentIDs {
                do { _ = try IncidentID.validated(id) } catch { throw ValidationError(error.description) }
            }
            if html && output == nil {
                throw ValidationError("--html needs --output DIR to say where the pages go.")
            }
        }

        func run() throws {
            let summary = try exitingOnFatalError {
                var options = GenerateOptions()
                options.incidentIDs = try incidentIDs.map { try IncidentID.validated($0) }
                options.force = force
                options.dryRun = dryRun
                options.outputDirectory = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                options.html = html
                let generator = PostMortemGenerator(
                    templates: try report.templates(), settings: report.settings, connectionString: connection.connectionString,
                    logger: Logger(label: "sentinel-report", factory: { StreamLogHandler.standardError(label: $0) }))
                return try generator.generate(options)
            }
            FileHandle.standardError.write(Data(summary.text.utf8))
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}
