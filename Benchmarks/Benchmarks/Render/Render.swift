import Benchmark
import PostMortem
import Synthetic
import Templates

/// Render-only benchmarks: the whole per-incident work of `generate` without a database.
///
/// Each iteration redacts one synthetic incident, derives its facts, renders the built-in
/// English templates, splits the document into regions and merges it with what is stored.
/// Single-threaded, so the throughput is per core. Target (issue 7): 10,000 per second.
/// Each iteration renders the same 1,000 incidents once (`scalingFactor: .kilo`), so every
/// sample covers the whole mix of short and long logs, hostile titles and huge analyses.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(10))

    let incidents = SyntheticIncidents.resolved(1_000)
    // Set up eagerly: a failure to load the built-in templates is a broken build.
    let generator = try! PostMortemGenerator(templates: TemplateSet.load(), connectionString: nil)

    Benchmark("new post-mortem") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(render(incidents[index], with: generator))
        }
    }

    // The rendering step alone, on incidents already redacted: facts, the template model and
    // the templates, giving the document's markdown (no regions, no merge).
    let redacted = incidents.map { incident in
        var counts = Redactor.Counts()
        return generator.redactor.redact(incident, counts: &counts)
    }
    let author = ReportModel.Generator(version: "0", templateSet: generator.templates.name)
    Benchmark("render the markdown only") { benchmark in
        for index in benchmark.scaledIterations {
            let incident = redacted[index]
            let facts = ReportModel.Facts(incident: incident, strings: generator.settings.strings)
            let model = ReportModel.make(for: incident, facts: facts, generator: author, settings: generator.settings)
            blackHole(generator.templates.sections(model, incidentType: incident.incidentType))
        }
    }

    // The document stored by an earlier run, with one section edited by a person, and the
    // incident changed since: every region is compared, the edit kept, the rest replaced.
    let edited = incidents.map { SyntheticIncidents.edited($0, document: render($0, with: generator)) }
    Benchmark("merge into an edited post-mortem") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(render(edited[index], with: generator))
        }
    }
}

/// What `generate` does for one incident before writing it.
func render(_ incident: Incident, with generator: PostMortemGenerator) -> String {
    var counts = Redactor.Counts()
    return generator.document(for: generator.redactor.redact(incident, counts: &counts)).text
}
