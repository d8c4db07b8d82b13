import ArgumentParser
import PostMortem

/// Which incidents a run takes, shared by `generate` and `export`: given ids, and the days
/// they were resolved on.
struct SelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("incident"), help: ArgumentHelp("Only this incident id (repeatable).", valueName: "id"),
        transform: IncidentID.argument)
    var incidentIDs: [IncidentID] = []

    @Option(help: ArgumentHelp("Only incidents resolved on or after this day (UTC).", valueName: "yyyy-mm-dd"))
    var since: Day?

    @Option(help: ArgumentHelp("Only incidents resolved on or before this day (UTC).", valueName: "yyyy-mm-dd"))
    var until: Day?

    /// Days in order: a `--since` after `--until` selects nothing, which is a mistake.
    func validate() throws {
        if let since, let until, since > until {
            throw ValidationError("--since \(since) is after --until \(until): no day is in between.")
        }
    }
}
