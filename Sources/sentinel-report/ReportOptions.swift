import ArgumentParser
import Foundation
import PostMortem
import Templates

/// How documents are rendered, shared by every command that renders.
struct ReportOptions: ParsableArguments {
    @OptionGroup var template: TemplateOptions

    @Option(
        name: .customLong("incident-url"),
        help: ArgumentHelp(
            "Link incident ids to the dashboard: a URL with {id} where the id goes.", valueName: "https://…/{id}"))
    var incidentURL: String?

    @Option(name: .customLong("log-lines"), help: ArgumentHelp("How many of the last log lines to show.", valueName: "n"))
    var logLines = LogExcerpt.defaultLineCount

    @Option(
        name: .customLong("max-chars"),
        help: ArgumentHelp(
            "Cut the longest generated parts (log lines, command output, analysis, timeline) to keep each "
                + "post-mortem under this many characters, so that Sentinel's dashboard (100,000 at most) can save "
                + "an edit of it; 0 for no limit. Text people wrote is never cut.",
            valueName: "n"))
    var maxCharacters = ReportSettings.defaultMaxCharacters

    func validate() throws {
        if let incidentURL { try Self.validate(incidentURL: incidentURL) }
        guard logLines >= 0 else { throw ValidationError("--log-lines must be 0 or more.") }
        guard maxCharacters == 0 || maxCharacters >= 1_000 else {
            throw ValidationError("--max-chars must be 0 (no limit) or at least 1000.")
        }
    }

    static func validate(incidentURL: String) throws {
        guard incidentURL.hasPrefix("https://") || incidentURL.hasPrefix("http://"), incidentURL.contains("{id}") else {
            throw ValidationError(
                "--incident-url must be an http(s) URL containing {id}, such as https://sentinel.example.com/incidents/{id}.")
        }
    }

    /// Loads and parses the set; a broken template ends the run here, before any database access.
    func templates() throws -> TemplateSet {
        try template.templates()
    }

    /// The settings for documents rendered with `templates`.
    func settings(for templates: TemplateSet) -> ReportSettings {
        var settings = ReportSettings(strings: templates.strings)
        settings.incidentURL = incidentURL
        settings.logLines = logLines
        settings.maxCharacters = maxCharacters == 0 ? nil : maxCharacters
        return settings
    }
}
