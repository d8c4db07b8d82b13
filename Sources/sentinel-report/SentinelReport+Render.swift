import ArgumentParser
import Foundation
import PostMortem

extension SentinelReport {
    /// `sentinel-report render ID`: prints one post-mortem, writes nothing.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints one incident's post-mortem to stdout; writes nothing.",
            discussion: """
                Renders the incident's post-mortem from the current data and templates, whatever its \
                status, as markdown (or a standalone HTML page with --html). The database is only read.

                Examples:
                  sentinel-report render 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b | less
                  sentinel-report render 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b --html > incident.html
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var redaction: RedactionOptions

        @Argument(help: ArgumentHelp("The incident's id (a UUID).", valueName: "id"), transform: IncidentID.argument)
        var id: IncidentID

        @Flag(help: "Print a standalone HTML page instead of markdown.")
        var html = false

        func run() throws {
            let output = try exitingOnFatalError {
                let templates = try report.templates()
                let generator = PostMortemGenerator(
                    templates: templates, settings: report.settings(for: templates), connectionString: try connection.connectionString,
                    redactor: try redaction.redactor())
                let (incident, document) = try generator.render(id: id)
                if incident.status != .resolved {
                    FileHandle.standardError.write(
                        Data(
                            "sentinel-report: note: incident \(incident.id) is '\(incident.status)', not resolved; this is a preview.\n"
                                .utf8))
                }
                return html ? generator.page(for: incident, document: document) : document
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}
