import Foundation
import PostMortem
import Synthetic
import Templates

// Runs one step of the per-incident work over the same 1,000 synthetic incidents as the
// render-only benchmark, a given number of rounds, and prints the best and the median round's
// time per incident (`scripts/bench` reads the median of `whole`). `./count-instructions STAGE`
// runs it under callgrind for one round and for three:
// the difference is the step's instructions, which do not vary with the machine's load.
//
// Usage: Stages [STAGE|all] [ROUNDS]

let incidents = SyntheticIncidents.resolved(1_000)
// Set up eagerly: a failure to load the built-in templates is a broken build.
let generator = try! PostMortemGenerator(templates: TemplateSet.load(), connectionString: nil)
let author = ReportModel.Generator(version: "0", templateSet: generator.templates.name)
let titles: EmbeddedMarkdown.Titles = ["Causa raíz", "Root cause"]

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

let redacted = incidents.map { incident in
    var counts = Redactor.Counts()
    return generator.redactor.redact(incident, counts: &counts)
}
let facts = redacted.map { ReportModel.Facts(incident: $0, strings: generator.settings.strings) }
let models = zip(redacted, facts).map { ReportModel.make(for: $0, facts: $1, generator: author, settings: generator.settings) }
let sections = zip(redacted, models).map { generator.templates.sections($1, incidentType: $0.incidentType) }
/// The render-only benchmark's edited documents: built only for the stage that merges into them.
nonisolated(unsafe) var edited: [Incident] = []

let stages: [(name: String, run: () -> Void)] = [
    (
        "redact",
        {
            for incident in incidents {
                var counts = Redactor.Counts()
                blackHole(generator.redactor.redact(incident, counts: &counts))
            }
        }
    ),
    ("facts", { for incident in redacted { blackHole(ReportModel.Facts(incident: incident, strings: generator.settings.strings)) } }),
    // The model built and, when the next one replaces it, freed.
    (
        "model",
        {
            for (incident, facts) in zip(redacted, facts) {
                blackHole(ReportModel.make(for: incident, facts: facts, generator: author, settings: generator.settings))
            }
        }
    ),
    (
        "analysis",
        {
            for incident in redacted {
                let analysis = EmbeddedMarkdown(incident.agentReasoning ?? "", below: 3)
                blackHole(analysis.text)
                blackHole(analysis.section(titled: titles))
            }
        }
    ),
    (
        "templates",
        {
            for (incident, model) in zip(redacted, models) {
                blackHole(generator.templates.sections(model, incidentType: incident.incidentType))
            }
        }
    ),
    ("regions", { for sections in sections { blackHole(DocumentRegions.regions(sections)) } }),
    ("document", { for incident in redacted { blackHole(generator.document(for: incident).text) } }),
    // The document merged into a stored one with an edited section, the incident renamed since.
    (
        "merge",
        {
            if edited.isEmpty {
                edited = redacted.map { SyntheticIncidents.edited($0, document: generator.document(for: $0).text) }
            }
            for incident in edited { blackHole(generator.document(for: incident).text) }
        }
    ),
    (
        "whole",
        {
            for incident in incidents {
                var counts = Redactor.Counts()
                blackHole(generator.document(for: generator.redactor.redact(incident, counts: &counts)).text)
            }
        }
    ),
]

let arguments = CommandLine.arguments.dropFirst()
let only = arguments.first ?? "all"
let rounds = max(1, arguments.dropFirst().first.flatMap { Int($0) } ?? 20)
guard only == "all" || stages.contains(where: { $0.name == only }) else {
    print("unknown stage \(only); one of: all, \(stages.map(\.name).joined(separator: ", "))")
    exit(2)
}
for stage in stages where only == "all" || stage.name == only {
    var times: [UInt64] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        stage.run()
        times.append(DispatchTime.now().uptimeNanoseconds - start)
    }
    times.sort()
    func perIncident(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f", Double(nanoseconds) / Double(incidents.count) / 1000)
    }
    print(
        "\(stage.name): \(perIncident(times[0])) µs per incident at best, \(perIncident(times[times.count / 2])) at the median of \(rounds) rounds"
    )
}
