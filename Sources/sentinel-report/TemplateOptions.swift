import ArgumentParser
import Foundation
import Templates

/// Which templates to render with, shared by every command that renders.
struct TemplateOptions: ParsableArguments {
    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "A folder of *.mustache files that replace built-in templates of the same name.",
            valueName: "dir"))
    var directory: String?

    /// Loads and parses the set; a broken template ends the run here, before any database access.
    func load() throws -> TemplateSet {
        try TemplateSet.load(overrides: directory.map { URL(fileURLWithPath: $0) })
    }
}
