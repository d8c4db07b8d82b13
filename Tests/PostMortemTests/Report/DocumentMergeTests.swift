import Bytes
import Templates
import Testing
import TestSupport
@testable import PostMortem

struct DocumentMergeTests {
    static func regions(_ facts: String) -> [DocumentRegions.Region] {
        DocumentRegions.regions([
            .init(id: "header", text: "# Title \(facts)\n\nIntro.\n"),
            .init(id: "summary", text: "## Summary\n\nIt was \(facts).\n"),
            .init(id: "timeline", text: "## Timeline\n\n| a |\n|---|\n| \(facts) |\n"),
            .init(id: "notes", text: "## Notes\n\n*Prompt.*\n"),
        ])
    }

    static func header(_ regions: [DocumentRegions.Region]) -> DocumentRegions.Header {
        DocumentRegions.Header(toolVersion: "1", templateSet: "builtin:en", inputs: "x", regions: regions.map(\.name))
    }

    /// A region's marked text alone.
    static func marked(_ region: DocumentRegions.Region) -> String {
        var text = ""
        DocumentRegions.appendMarked(region, to: &text)
        return text
    }

    static func generate(_ facts: String, over stored: String?) -> DocumentMerge.Result {
        let regions = regions(facts)
        return DocumentMerge.merge(stored: stored, regions: regions, header: header(regions), earlierHeading: "## Earlier\n\n")
    }

    /// Every region ends with a blank line, whatever the body's last line is (`\r\n` counts as
    /// one line break, as a character), and its marked length is known before it is written.
    @Test(arguments: [
        ("## A\nx", "## A\nx\n\n"), ("## A\nx\n", "## A\nx\n\n"), ("## A\nx\n\n", "## A\nx\n\n"),
        ("## A\r\n", "## A\r\n\n\n"), ("## A\nñ", "## A\nñ\n\n"),
    ])
    func endsEveryRegionWithABlankLine(body: String, content: String) throws {
        let region = try #require(DocumentRegions.regions([.init(id: "a", text: body)]).last)
        #expect(region.content == content)
        #expect(DocumentRegions.markedCount(region) == Self.marked(region).utf8.count)
    }

    /// A document marker reads back as written, whatever its region names.
    @Test(arguments: [["header"], ["header", "métricas-en-la-detección", "a-b-2", "日本語"], []])
    func readsItsDocumentMarkerBack(regions: [String]) {
        let header = DocumentRegions.Header(toolVersion: "0.1.0", templateSet: "custom:es", inputs: "0123456789abcdef", regions: regions)
        #expect(DocumentRegions.Header(line: header.line[...]) == header)
        #expect(DocumentRegions.Header(line: "<!-- sentinel-report begin x fnv1a64 0 -->") == nil)
    }

    @Test func replacesUneditedRegions() {
        let first = Self.generate("one", over: nil).text
        let second = Self.generate("two", over: first)
        #expect(second.text == Self.generate("two", over: nil).text)
        #expect(second.conflicts.isEmpty)
        #expect(!second.text.contains("one"))
    }

    @Test func keepsEditedRegionsAndReportsConflicts() {
        let first = Self.generate("one", over: nil).text
        let edited = first.replacingOccurrences(of: "It was one.", with: "It was one, sadly.")
        let second = Self.generate("two", over: edited)
        #expect(second.text.contains("It was one, sadly."))
        #expect(second.conflicts == ["summary"])
        #expect(second.text.contains("| two |"))
        // Nothing changed in the generated summary: the edit stands without a conflict.
        #expect(Self.generate("one", over: edited).conflicts.isEmpty)
    }

    @Test func keepsTextOutsideRegionsWhereItIs() {
        let first = Self.generate("one", over: nil).text
        let marker = "<!-- sentinel-report begin timeline"
        let edited = first.replacingOccurrences(of: marker, with: "A person's paragraph.\n\n" + marker) + "Trailing note.\n"
        let second = Self.generate("two", over: edited).text
        #expect(second.contains("A person's paragraph.\n\n<!-- sentinel-report begin timeline"))
        #expect(second.hasSuffix("Trailing note.\n"))
    }

    @Test func deletedRegionsStayDeletedAndNewOnesAreInserted() throws {
        let first = Self.generate("one", over: nil).text
        let start = try #require(first.range(of: "<!-- sentinel-report begin notes"))
        let end = try #require(first.range(of: "<!-- sentinel-report end notes -->\n"))
        var deleted = first
        deleted.removeSubrange(start.lowerBound..<end.upperBound)
        #expect(!Self.generate("two", over: deleted).text.contains("## Notes"))

        // A template that now also produces "## Causes" after the summary.
        var regions = Self.regions("two")
        regions.insert(DocumentRegions.Region(name: "causes", content: "## Causes\n\nNew.\n\n"), at: 2)
        let header = DocumentRegions.Header(toolVersion: "1", templateSet: "t", inputs: "x", regions: regions.map(\.name))
        let merged = DocumentMerge.merge(stored: deleted, regions: regions, header: header, earlierHeading: "")
        let summary = try #require(merged.text.range(of: "## Summary"))
        let causes = try #require(merged.text.range(of: "## Causes"))
        let timeline = try #require(merged.text.range(of: "## Timeline"))
        #expect(summary.lowerBound < causes.lowerBound && causes.lowerBound < timeline.lowerBound)
    }

    @Test func wrapsAForeignPostMortemVerbatim() {
        let foreign = "# Post-Mortem: x\n\n## Resumen\nTexto.\n<!-- sentinel-report end summary -->"
        let merged = Self.generate("one", over: foreign)
        #expect(merged.text.hasSuffix("## Earlier\n\n" + foreign + "\n"))
        #expect(merged.text.hasPrefix("<!-- sentinel-report document; version 1; format 3;"))
        // Next time it is ours, and the earlier text stays.
        let again = Self.generate("two", over: merged.text)
        #expect(again.text.contains(foreign))
    }

    @Test func aBrokenMarkerMakesItsLinesPlainText() {
        let first = Self.generate("one", over: nil).text
        let broken = first.replacingOccurrences(of: "<!-- sentinel-report end summary -->\n", with: "")
        let second = Self.generate("two", over: broken).text
        #expect(second.contains("It was one."))
        #expect(second.contains("It was two.") == false)  // the summary counts as deleted: it is no longer a region
    }

    /// A document whose markers carry FNV-1a hashes (as earlier builds wrote them): its regions
    /// are read, unedited ones replaced with XXH64-marked ones, and an edited one keeps its
    /// marker; a conflict is reported only when the generated content really changed.
    @Test func readsRegionsMarkedWithFNV1a() throws {
        let current = Self.generate("one", over: nil).text
        // The same document as an earlier build wrote it.
        var earlier = ""
        for region in Self.regions("one") {
            let marked = Self.marked(region)
            earlier += marked.replacingOccurrences(
                of: "xxh64 \(region.hash)", with: "fnv1a64 \(FNV1a.hex(region.content))")
        }
        earlier = current.prefix { $0 != "\n" } + "\n\n" + earlier
        #expect(earlier.contains("fnv1a64") && !earlier.contains("xxh64"))
        let pieces = DocumentMerge.Stored(earlier).pieces
        #expect(pieces.count == 4)
        #expect(pieces.allSatisfy { if case .region(let region, false) = $0 { region.algorithm == .fnv1a64 } else { false } })

        let regenerated = Self.generate("one", over: earlier)
        #expect(regenerated.text == current)
        #expect(regenerated.conflicts.isEmpty)

        let edited = earlier.replacingOccurrences(of: "It was one.", with: "It was one, sadly.")
        #expect(Self.generate("one", over: edited).conflicts.isEmpty)
        let changed = Self.generate("two", over: edited)
        #expect(changed.conflicts == ["summary"])
        let summaryMarker = try #require(edited.split(separator: "\n").first { $0.contains("begin summary") })
        #expect(summaryMarker.contains(" fnv1a64 "))
        #expect(changed.text.contains(summaryMarker + "\n## Summary\n\nIt was one, sadly."))
        #expect(changed.text.contains("| two |"))
    }

    /// A document of format 2 names its regions by the slug of their heading, English or
    /// Spanish: they are read as the sections they were, so edits keep their place and nothing
    /// is duplicated, and the document is written back with section ids.
    @Test(arguments: [
        ("summary", "timeline", "notes"), ("resumen", "cronología", "notas"),
    ])
    func readsRegionsNamedByTheirHeadingsInFormat2(summary: String, timeline: String, notes: String) throws {
        let names = ["summary": summary, "timeline": timeline, "notes": notes]
        var stored =
            "<!-- sentinel-report document; version 0.9.0; format 2; templates builtin:es; inputs x; regions header,"
            + "\(summary),\(timeline),\(notes) -->\n\n"
        for region in Self.regions("one") {
            stored += Self.marked(region).replacingOccurrences(of: " \(region.name) ", with: " \(names[region.name] ?? region.name) ")
                .replacingOccurrences(of: "end \(region.name) -->", with: "end \(names[region.name] ?? region.name) -->")
        }
        stored = stored.replacingOccurrences(of: "*Prompt.*", with: "*Prompt.* Our own note.")
        #expect(stored.contains("begin \(notes) xxh64"))

        let merged = Self.generate("two", over: stored)
        #expect(merged.conflicts.isEmpty)
        #expect(Self.regionNames(merged.text) == ["header", "summary", "timeline", "notes"])
        #expect(merged.text.contains("Our own note."))
        #expect(merged.text.contains("| two |"))
        #expect(merged.text.components(separatedBy: "## Notes").count == 2)
        // Written back in format 3, it is read by id from then on.
        #expect(Self.regionNames(Self.generate("three", over: merged.text).text) == ["header", "summary", "timeline", "notes"])
    }

    /// Generated in English, a note added under "Notes", generated again in Spanish: every
    /// section stays in its place, the edited one as edited, and no "Notas" appears beside it.
    @Test func switchingLocaleKeepsEditedSectionsInPlace() throws {
        var incident = Lifecycle.approvedFix.incident
        let english = try #require(ReportRenderingTests.generators["en"]).document(for: incident).text
        let note = "Our own note: the pool was too small."
        incident.postMortem = english.replacingOccurrences(
            of: "<!-- sentinel-report end notes -->", with: note + "\n\n<!-- sentinel-report end notes -->")
        let spanish = try #require(ReportRenderingTests.generators["es"]).document(for: incident)
        #expect(Self.regionNames(spanish.text) == Self.regionNames(english))
        #expect(spanish.text.components(separatedBy: note).count == 2)
        #expect(spanish.text.contains("## Notes\n"))
        #expect(!spanish.text.contains("## Notas\n"))
        #expect(spanish.text.contains("## Resumen\n") && !spanish.text.contains("## Summary\n"))
        // The Spanish notes differ from the English ones the person edited: a conflict to look at.
        #expect(spanish.conflicts == ["notes"])
    }

    /// The names of the regions of `document`, in order.
    static func regionNames(_ document: String) -> [String] {
        DocumentMerge.Stored(document).pieces.compactMap { if case .region(let region, _) = $0 { region.name } else { nil } }
    }

    /// Every line stored before a run is there after it, unless it was in a region nobody edited.
    @Test(arguments: 0..<300)
    func neverLosesALineAPersonWrote(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        var document = Self.generate("v0", over: nil).text
        for round in 1...4 {
            document = random.edit(document)
            let before = DocumentMerge.Stored(document)
            let allowedToGo = Set(
                before.pieces.flatMap { piece -> [Substring] in
                    guard case .region(let region, false) = piece else { return [] }
                    return Self.marked(region).split(separator: "\n", omittingEmptySubsequences: false)
                })
            let after = Self.generate("v\(round)-\(random.next() % 3)", over: document).text
            let afterLines = Set(after.split(separator: "\n", omittingEmptySubsequences: false))
            for line in document.split(separator: "\n", omittingEmptySubsequences: false)
            where !afterLines.contains(line) && !allowedToGo.contains(line) && DocumentRegions.Header(line: line) == nil {
                Issue.record("seed \(seed), round \(round): lost \(line.debugDescription)")
            }
            document = after
        }
    }
}

/// The edits a person might make to a document.
extension SeededRandom {
    static let snippets = [
        "A person's note.", "| extra | row |", "## My own section", "<!-- sentinel-report end summary -->",
        "<!-- sentinel-report begin summary fnv1a64 0000000000000000 -->", "```", "", "- item", "# Retitled",
        "<!-- sentinel-report begin timeline xxh64 0000000000000000 -->",
    ]

    /// Inserts, changes or deletes a few lines anywhere, markers included.
    mutating func edit(_ document: String) -> String {
        var lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<(1 + next() % 4) where !lines.isEmpty {
            let index = Int(next() % UInt64(lines.count))
            switch next() % 4 {
            case 0: lines.insert(Self.snippets[Int(next() % UInt64(Self.snippets.count))], at: index)
            case 1: lines[index] += " (edited)"
            case 2: lines.remove(at: index)
            default: lines.insert("Note \(next() % 1000)", at: index)
            }
        }
        return lines.joined(separator: "\n")
    }
}
