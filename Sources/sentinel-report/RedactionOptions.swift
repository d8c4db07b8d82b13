import ArgumentParser
import Foundation
import PostMortem

/// Which secrets to remove, shared by every command whose output leaves the database.
struct RedactionOptions: ParsableArguments {
    @Option(
        name: .customLong("redaction-rules"),
        help: ArgumentHelp(
            "A JSON file of rules to add ({\"rules\": [{\"name\", \"pattern\", \"replacement\"}]}) and built-in rules to disable ({\"disable\": [names]}).",
            valueName: "file"))
    var rulesFile: String?

    @Flag(name: .customLong("no-redact"), help: "Do not remove secrets from logs, output and analysis (not recommended).")
    var noRedact = false

    func validate() throws {
        if noRedact, rulesFile != nil { throw ValidationError("--no-redact and --redaction-rules exclude each other.") }
    }

    /// The redactor to use; a broken rules file ends the run here, before any database access.
    func redactor() throws -> Redactor {
        if noRedact {
            FileHandle.standardError.write(
                Data("sentinel-report: warning: --no-redact: credentials and tokens in incidents will be written as they are.\n".utf8))
            return .none
        }
        return try rulesFile.map { try Redactor.withRulesFile(URL(fileURLWithPath: $0)) } ?? .standard
    }
}
