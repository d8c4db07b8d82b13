import Foundation
import Testing
import TestSupport
@testable import PostMortem
@testable import Templates

/// The section headings (`##`) of each built-in document.
let expectedSections: [String: [String]] = [
    "en": [
        "Review", "Summary", "Impact and detection", "Key durations", "Timeline", "Metrics at detection", "Root cause and analysis",
        "Corrective action and approval", "Recurrence", "Logs", "Action items", "Lessons learned", "Notes",
        "Data quality notes",
    ],
    "es": [
        "Revisión", "Resumen", "Impacto y detección", "Duraciones clave", "Cronología", "Métricas en la detección", "Causa raíz y análisis",
        "Acción correctiva y aprobación", "Recurrencia", "Logs", "Acciones de seguimiento",
        "Lecciones aprendidas", "Notas", "Notas sobre la calidad de los datos",
    ],
]

/// The sections of the connection_exhaustion document: the connection metrics come first.
let connectionSections: [String: [String]] = [
    "en": ["Review", "Connections at detection"]
        + expectedSections["en", default: []].filter { !["Review", "Metrics at detection"].contains($0) },
    "es": ["Revisión", "Conexiones en la detección"]
        + expectedSections["es", default: []].filter { !["Revisión", "Métricas en la detección"].contains($0) },
]

/// What a rendered document's markdown looks like to cmark-gfm.
struct Outline {
    let html: String
    let sections: [String]
    let tables: Int

    init(markdown: String) {
        html = HTMLRenderer.fragment(fromMarkdown: markdown)
        sections = html.components(separatedBy: "<h2>").dropFirst().compactMap { $0.components(separatedBy: "</h2>").first }
        tables = html.components(separatedBy: "<table>").count - 1
    }

    /// Tables whose rows do not all have the header's number of cells (counted on unescaped pipes).
    static func raggedTables(in markdown: String) -> [String] {
        func cells(_ line: Substring) -> Int {
            var count = 0
            var escaped = false
            for character in line {
                if character == "|" && !escaped { count += 1 }
                escaped = character == "\\" && !escaped
            }
            return count
        }
        var ragged: [String] = []
        var header: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                header = nil
                continue
            }
            if let header, cells(line) != header { ragged.append(String(line)) }
            if header == nil { header = cells(line) }
        }
        return ragged
    }
}

struct ReportRenderingTests {
    static let generators = Dictionary(
        uniqueKeysWithValues: TemplateSet.builtInLocales.map { locale in
            let settings = ReportSettings.builtIn(locale)
            return (
                locale, PostMortemGenerator(templates: try! TemplateSet.load(locale: locale), settings: settings, connectionString: nil)
            )
        })

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static var cases: [(Lifecycle, String)] {
        Lifecycle.allCases.flatMap { lifecycle in TemplateSet.builtInLocales.map { (lifecycle, $0) } }
    }

    /// Compares with `Golden/<lifecycle>.<locale>.md`; `UPDATE_GOLDEN=1 swift test` rewrites the files.
    @Test(arguments: cases)
    func matchesTheGoldenFile(lifecycle: Lifecycle, locale: String) throws {
        let document = try #require(Self.generators[locale]).document(for: lifecycle.incident).text
        let file = Self.goldenFolder.appendingPathComponent("\(lifecycle.rawValue).\(locale).md")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try document.write(to: file, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(document == golden, "run UPDATE_GOLDEN=1 swift test to accept the new output, then review the diff")

        let outline = Outline(markdown: golden)
        let sections = lifecycle == .connectionExhaustion ? connectionSections[locale] : expectedSections[locale]
        #expect(outline.sections == sections)
        #expect(outline.html.components(separatedBy: "<h1>").count - 1 == 1)
        #expect(Outline.raggedTables(in: golden).isEmpty)
        // Every table written (a delimiter row) is parsed as a table, and the four fixed ones are there.
        let delimiterRows = golden.split(separator: "\n").filter { $0.hasPrefix("|---") || $0.hasPrefix("| ---") }
        #expect(outline.tables == delimiterRows.count)
        #expect(outline.tables >= 4)
        #expect(!outline.html.contains("<script"))
        #expect(!outline.html.contains("href=\"javascript"))
    }

    /// Every document template of both built-in sets renders the same through the compiled
    /// renderer and through swift-mustache, for every lifecycle.
    @Test(arguments: cases)
    func compiledRenderingMatchesSwiftMustache(lifecycle: Lifecycle, locale: String) throws {
        let generator = try #require(Self.generators[locale])
        #expect(generator.templates.isCompiled)
        let incident = lifecycle.incident
        let model = ReportModel.make(
            for: incident, facts: ReportModel.Facts(incident: incident, strings: .builtIn(locale)),
            generator: ReportModel.Generator(version: "0.0.0", templateSet: generator.templates.name),
            settings: generator.settings)
        for name in generator.templates.sources.keys.sorted() {
            #expect(
                generator.templates.render(model, template: name)
                    == generator.templates.renderWithSwiftMustache(model, template: name), "\(name)")
        }
    }

    static let hostileTexts = [
        "<script>alert(1)</script>",
        "| a | b |\n|---|---|",
        "# heading\n## another\n```\nopen fence",
        "````\n~~~\n</code></pre><img src=x onerror=alert(1)>",
        "[x](javascript:alert(1)) <a href=\"javascript:alert(2)\">y</a>",
        "\u{202E}مرحبا 🔥\u{0}\u{1B}[0m\r\n- item\n1. item\n> quote\n---",
    ]

    @Test(arguments: hostileTexts)
    func hostileTextNeverChangesTheStructure(text: String) throws {
        var value = Lifecycle.approvedFix.incident
        for keyPath: WritableKeyPath<Incident, String> in [\.title, \.target, \.severity, \.sourceType] { value[keyPath: keyPath] = text }
        for keyPath: WritableKeyPath<Incident, String?> in [
            \.serverName, \.incidentType, \.approvedBy, \.fingerprint, \.logs, \.proposedAction,
            \.actionResult, \.actionError, \.containerRuntime,
        ] { value[keyPath: keyPath] = text }
        value.metricsSnapshot = .object([(key: text, value: .string(text)), (key: "type", value: .string(text))])
        value.recurrence.latest[0].title = text
        value.agentReasoning = nil
        for locale in TemplateSet.builtInLocales {
            let document = try #require(Self.generators[locale]).document(for: value).text
            let outline = Outline(markdown: document)
            #expect(outline.sections == expectedSections[locale])
            #expect(outline.tables == 8)  // header, review, impact, durations, timeline, metrics, recurrence, action items
            #expect(Outline.raggedTables(in: document).isEmpty)
            #expect(!outline.html.contains("<script"))
            #expect(!outline.html.contains("<img"))
            #expect(!outline.html.contains("href=\"javascript"))
            #expect(!outline.html.contains("<blockquote"))

            // The agent's markdown keeps its own structure, but only inside its section.
            value.agentReasoning = text
            let withAnalysis = Outline(markdown: try #require(Self.generators[locale]).document(for: value).text)
            #expect(withAnalysis.sections == expectedSections[locale])
            #expect(!withAnalysis.html.contains("<script"))
            #expect(!withAnalysis.html.contains("<img"))
            #expect(!withAnalysis.html.contains("href=\"javascript"))
            value.agentReasoning = nil
        }
    }

    @Test func linksTheIncidentWhenAskedTo() throws {
        var settings = ReportSettings.builtIn()
        settings.incidentURL = "https://sentinel.example.com/incidents/{id}?from=report (x)"
        let generator = PostMortemGenerator(templates: try TemplateSet.load(), settings: settings, connectionString: nil)
        let document = generator.document(for: Lifecycle.approvedFix.incident).text
        #expect(
            document.contains(
                "| Incident | [a0000000-0000-4000-8000-000000000001](https://sentinel.example.com/incidents/a0000000-0000-4000-8000-000000000001?from=report%20%28x%29) |"
            ))
    }

    @Test func showsTheLogTailAndSaysItWasCut() throws {
        var settings = ReportSettings.builtIn()
        settings.logLines = 5
        let generator = PostMortemGenerator(templates: try TemplateSet.load(), settings: settings, connectionString: nil)
        let document = generator.document(for: Lifecycle.approvedFix.incident).text
        #expect(document.contains("The last 5 lines of the 60 log lines collected at detection:"))
        #expect(document.contains("line 56\n"))
        #expect(!document.contains("line 55\n"))
    }
}

/// Statuses, severities, units and the stand-ins for a whole snapshot come from the locale's
/// strings; the stored values stay beside them.
struct LocaleWordsTests {
    @Test func writesDurationsInTheLocalesUnits() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)/fr")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #"{"durationUnits": {"days": "j", "minutes": "min"}}"#.write(
            to: folder.appendingPathComponent("strings.json"), atomically: true, encoding: .utf8)
        let templates = try TemplateSet.load(locale: "fr", overrides: folder.deletingLastPathComponent())
        let generator = PostMortemGenerator(templates: templates, connectionString: nil)
        let incident = Lifecycle.approvedFix.incident
        let document = generator.document(for: incident).text
        let english = try #require(ReportRenderingTests.generators["en"]).document(for: incident).text
        #expect(english.contains("| **29m 30s** |"))
        #expect(document.contains("| **29min 30s** |"))
        #expect(!document.contains("m 30s"))
        let index = ExportIndex(entries: [.init(incident: incident, file: "x.html")], settings: generator.settings)
        #expect(index.body.contains("<td>29min 30s</td>"))
    }

    @Test(arguments: [("en", "(not valid JSON)", "(value)"), ("es", "(JSON no válido)", "(valor)")])
    func namesAWholeSnapshotInTheLocale(locale: String, notJSON: String, value: String) throws {
        let generator = try #require(ReportRenderingTests.generators[locale])
        var incident = Lifecycle.approvedFix.incident
        incident.metricsSnapshot = nil
        incident.unparsableMetrics = "{not json"
        #expect(generator.document(for: incident).text.contains("| \(notJSON) | {not json |"))
        incident.unparsableMetrics = nil
        incident.metricsSnapshot = .number("42")
        #expect(generator.document(for: incident).text.contains("| \(value) | 42 |"))
    }

    @Test(arguments: [("en", "resolved", "high"), ("es", "resuelto", "alta")])
    func namesThemInTheLocale(locale: String, resolved: String, high: String) throws {
        var incident = Lifecycle.approvedFix.incident
        incident.severity = "high"
        let settings = ReportSettings.builtIn(locale)
        let values = ReportModel.make(
            for: incident, facts: ReportModel.Facts(incident: incident, strings: settings.strings),
            generator: .init(version: "0", templateSet: "builtin:\(locale)"), settings: settings
        ).mustacheValue
        let fields = try #require(values["incident"] as? [String: Any])
        #expect(fields["severity"] as? String == "high")
        #expect(fields["severityName"] as? String == high)
        let last = try #require((values["timeline"] as? [[String: Any]])?.last)
        #expect(last["status"] as? String == "resolved")
        #expect(last["statusName"] as? String == resolved)

        let index = ExportIndex(entries: [.init(incident: incident, file: "x.html")], settings: settings)
        #expect(index.body.contains("<td class=\"sev-high\">\(high)</td>"))
        // A value the strings do not name shows as stored.
        #expect(settings.strings.name(ofSeverity: "sev0") == "sev0")
    }
}

/// Every duration a document shows is the difference of the two times it shows for it, so a
/// reader who checks the page finds it adds up.
struct DisplayedDurationTests {
    /// Seconds since the epoch of a `yyyy-mm-dd hh:mm:ss` time in UTC.
    static func seconds(_ match: Regex<(Substring, Substring, Substring, Substring, Substring, Substring, Substring)>.Match) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = [match.1, match.2, match.3, match.4, match.5, match.6].map { Int($0) ?? 0 }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5])
        return Int64(calendar.date(from: components)?.timeIntervalSince1970 ?? 0)
    }

    static func text(_ seconds: Int64) -> String { Span(microseconds: seconds * 1_000_000).text }

    @Test(arguments: ReportRenderingTests.cases)
    func addUpOnThePage(lifecycle: Lifecycle, locale: String) throws {
        let document = try #require(ReportRenderingTests.generators[locale]).document(for: lifecycle.incident).text
        var checked = 0
        var previous: Int64?
        for line in document.split(separator: "\n") where line.hasPrefix("| ") {
            let stamps = line.matches(of: #/(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/#).map(Self.seconds)
            // A key duration: its two endpoints, then the duration in bold.
            if stamps.count == 2, let bold = line.firstMatch(of: #/\*\*(-?[0-9dhms ]+)\*\*/#) {
                #expect(String(bold.1) == Self.text(stamps[1] - stamps[0]), "\(line)")
                checked += 1
            }
            // A timeline row: number, time, status, time since the previous row.
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if stamps.count == 1, cells.count >= 4, Int(cells[0]) != nil {
                if let previous, cells[3] != "—" {
                    #expect(cells[3] == Self.text(stamps[0] - previous), "\(line)")
                    checked += 1
                }
                previous = stamps[0]
            }
        }
        #expect(checked >= 2)
    }
}

/// What a reader must never find in a document: "(s)" plurals, a count of one with a plural
/// noun, column names, and (in Spanish) stored English values in sentences and tables.
struct ForbiddenWordingTests {
    static let forbidden: [String: [String]] = [
        "en": [
            "(s)", "The 1 ", " 1 log lines", "1 earlier incidents", "1 postponements", "1 of these lines are",
            "created_at", "resolved_at", "executed_at", "approved_by", "awaiting_approval", "executing_solution",
        ],
        "es": [
            "(s)", "Las 1 ", "1 líneas", "1 incidentes", "1 aplazamientos", "1 de estas líneas tienen",
            "created_at", "resolved_at", "executed_at", "approved_by", "awaiting_approval", "executing_solution",
            "severidad high", "severidad critical", "severidad medium", "severidad low", "Severidad | high", "Severidad | critical",
            "| container |", "| database |", "| manual |", "| detected |", "| investigating |", "| analyzed |",
            "| verifying |", "| resolved |", "| failed |", "detected el", "resolved el", "Captura de Prometheus",
            "persona aprobadora", "## Registros", "Duración | Definición | Desde | Hasta | Duración",
        ],
    ]

    /// Each lifecycle, and variants with one of each counted thing.
    static var incidents: [Incident] {
        var oneOfEach = Lifecycle.postponedThenApproved.incident
        oneOfEach.logs = "a single line"
        oneOfEach.recurrence.count = 1
        oneOfEach.recurrence.latest = Array(oneOfEach.recurrence.latest.prefix(1))
        var oneLongLine = Lifecycle.approvedFix.incident
        oneLongLine.logs = "short\n" + String(repeating: "x", count: 2_000)
        return Lifecycle.allCases.map(\.incident) + [oneOfEach, oneLongLine]
    }

    @Test(arguments: ["en", "es"], [nil, 1_000])
    func noDocumentHoldsThem(locale: String, maxCharacters: Int?) throws {
        var settings = ReportSettings.builtIn(locale)
        settings.maxCharacters = maxCharacters
        let generator = try PostMortemGenerator(templates: TemplateSet.load(locale: locale), settings: settings, connectionString: nil)
        for incident in Self.incidents {
            var clean = incident
            // What the agent and the logs say is theirs, not the report's wording.
            clean.agentReasoning = nil
            let document = generator.document(for: clean).text
            for phrase in Self.forbidden[locale, default: []] where document.contains(phrase) {
                let line = document.split(separator: "\n").first { $0.contains(phrase) } ?? ""
                Issue.record("\(incident.id) (\(locale)): \"\(phrase)\" in: \(line)")
            }
        }
    }
}

/// The impact section's fields are for people; the impact start they fill in comes back, on the
/// next run, as the time to detect in the key durations.
struct ImpactSectionTests {
    @Test(arguments: [("en", "yyyy-mm-dd hh:mm"), ("es", "aaaa-mm-dd hh:mm")])
    func aFilledInImpactStartGivesTheTimeToDetect(locale: String, placeholder: String) throws {
        let generator = try #require(ReportRenderingTests.generators[locale])
        let label = generator.settings.strings.impact.startLabel
        var incident = Lifecycle.approvedFix.incident
        let first = generator.document(for: incident).text
        #expect(first.contains("| \(label) | \(placeholder) |"))
        #expect(!first.contains("07:41:00"))
        incident.postMortem = first.replacingOccurrences(of: "| \(label) | \(placeholder) |", with: "| \(label) | 2026-10-01 07:41 |")
        let second = generator.document(for: incident)
        // The person's row is kept, and the durations now start from it: 07:41:00 → 08:00:00.
        #expect(second.text.contains("| \(label) | 2026-10-01 07:41 |"))
        #expect(second.text.contains("07:41:00"))
        #expect(second.text.contains("| **19m 00s** |"))
        #expect(second.conflicts.isEmpty)
    }

    @Test(
        arguments: [
            ("| Impact start (UTC) | *2026-10-01 07:41:30* |", "2026-10-01 07:41:30"),
            ("Impact start (UTC) was 2026-10-01 07:41 in a sentence", nil),
            ("| Impact start (UTC) | yyyy-mm-dd hh:mm |\n| Impact start (UTC) | 2026-09-30 23:59 |", "2026-09-30 23:59:00"),
            ("| Impact start (UTC) | 2026-02-30 10:00 |", nil),
        ] as [(String, String?)])
    func readsTheStartFromItsRowOnly(document: String, start: String?) {
        #expect(ImpactStart.read(from: document, label: "Impact start (UTC)")?.utcText == start)
    }
}

/// The action items a document starts with, for each lifecycle path.
struct ActionItemProposalTests {
    static func kinds(_ incident: Incident) -> [String] {
        let facts = ReportModel.Facts(incident: incident, strings: .builtIn())
        return ActionItemProposal.proposals(for: incident, facts: facts).map {
            "\($0.kind.rawValue) \($0.category.rawValue)\($0.isDone ? " done" : "")"
        }
    }

    @Test(
        arguments: [
            (.approvedFix, ["executed mitigate done", "recommendation prevent", "recommendation prevent", "recurring prevent"]),
            (.postponedThenApproved, ["executed mitigate done"]), (.connectionExhaustion, ["executed mitigate done"]),
            (.failedThenAlertmanager, ["executed mitigate done", "failure mitigate"]), (.rejectedThenPatch, ["rejection process"]),
            (.alertmanagerWithEvent, []), (.alertmanagerWithoutEvent, []), (.manualPatchNoEvents, []),
            (.recoverySweepThenPatch, []), (.hostileAndOddMetrics, []),
        ] as [(Lifecycle, [String])])
    func proposesFromWhatWasRecorded(lifecycle: Lifecycle, expected: [String]) {
        #expect(Self.kinds(lifecycle.incident) == expected)
    }

    @Test func aRecommendationNamingTheCommandIsTheActionTaken() throws {
        var incident = Lifecycle.approvedFix.incident
        let command = try #require(incident.proposedAction)
        incident.agentReasoning =
            "## Recommended actions\n1. Run `\(command)` now.\n2. Add a memory alert\nat 80 %.\n\n## Other\n- not an item"
        let facts = ReportModel.Facts(incident: incident, strings: .builtIn())
        let proposals = ActionItemProposal.proposals(for: incident, facts: facts)
        #expect(proposals.map(\.text) == ["Run \(command) now.", "Add a memory alert at 80 %.", "7"])
        #expect(proposals.map(\.isDone) == [true, false, false])
        #expect(ActionItemProposal.priority(forSeverity: incident.severity) == "P2")
    }
}
