import Testing
@testable import PostMortem

/// Reading where a review stands from a stored post-mortem.
struct ReviewStateTests {
    /// A stored document with `regions` (name → content; a region whose content starts with
    /// `edited:` has a hash it does not match), the marker's written/edited fields, and the
    /// regions it says were produced.
    static func stored(
        _ regions: [(String, String)], written: String = "5000000", edited: String? = nil, produced: [String]? = nil
    ) -> DocumentMerge.Stored {
        let header = DocumentRegions.Header(
            toolVersion: "0", templateSet: "builtin:en", inputs: "-", written: written, edited: edited,
            regions: produced ?? regions.map(\.0))
        var text = header.line + "\n\n"
        for (name, content) in regions {
            let region = DocumentRegions.Region(name: name, content: content + "\n")
            let marked =
                content.hasPrefix("edited:")
                ? DocumentRegions.Region(name: name, content: region.content, algorithm: .xxh64, hash: "0000000000000000") : region
            DocumentRegions.appendMarked(marked, to: &text)
        }
        return DocumentMerge.Stored(text)
    }

    static func state(_ stored: DocumentMerge.Stored?, updatedAt: Int64? = 5_000_000) -> ReviewState {
        ReviewState(stored: stored, updatedAt: updatedAt.map(Timestamp.init(microseconds:)), statusLabel: "Status", draft: "draft")
    }

    static let allForPeople = ["review", "impact", "analysis", "action-items", "lessons"]

    @Test(
        arguments: [
            ([("review", "| Status | draft |")], allForPeople),
            ([("review", "edited: | Status | draft |")], ["impact", "analysis", "action-items", "lessons"]),
            ([("lessons", "edited: we learned"), ("impact", "as generated")], ["review", "impact", "analysis", "action-items"]),
        ] as [([(String, String)], [String])])
    func listsTheSectionsForPeopleNobodyTouched(regions: [(String, String)], toFill: [String]) {
        #expect(Self.state(Self.stored(regions)).stillToFill(in: ["header"] + Self.allForPeople + ["notes"]) == toFill)
    }

    @Test func aDeletedSectionOrOneTheLayoutLacksIsNotToFill() {
        let deleted = Self.state(Self.stored([("review", "x")], produced: ["review", "lessons"]))
        #expect(deleted.stillToFill(in: Self.allForPeople) == ["review", "impact", "analysis", "action-items"])
        #expect(Self.state(nil).stillToFill(in: ["header", "review", "notes"]) == ["review"])
    }

    @Test(
        arguments: [
            ("| Status | draft |", nil), ("| Status | **final** |", "final"), ("| Status | DRAFT |", nil),
            ("| Status |  |", nil), ("| Status | \(String(repeating: "x", count: 41)) |", nil),
            ("| Estado | final |", nil),
        ] as [(String, String?)])
    func readsTheStatusPeopleSet(row: String, status: String?) {
        #expect(Self.state(Self.stored([("review", "edited:\n" + row)])).status == status)
    }

    /// The last edit by someone else: the column's time when it moved since the write, else
    /// what the marker carries; never for a document written before the marker had the field.
    @Test(
        arguments: [
            ("5000000", nil, 5_000_000, nil), ("5000000", nil, 9_000_000, 9_000_000), ("5000000", "3000000", 5_000_000, 3_000_000),
            ("5000000", "3000000", 9_000_000, 9_000_000), ("-", nil, 9_000_000, nil), ("-", "3000000", 9_000_000, 3_000_000),
        ] as [(String, String?, Int64, Int64?)])
    func knowsTheLastEditBySomeoneElse(written: String, edited: String?, updatedAt: Int64, lastEdited: Int64?) {
        let state = Self.state(Self.stored([("notes", "x")], written: written, edited: edited), updatedAt: updatedAt)
        #expect(state.lastEdited?.microseconds == lastEdited)
        #expect(
            ReviewState.isCurrent(Self.stored([], written: written), updatedAt: Timestamp(microseconds: updatedAt))
                == (written == String(updatedAt)))
    }

    @Test func aTextThatDiffersOnlyInItsWriteTimeIsTheSame() {
        let stored = Self.stored([("notes", "x")], written: "5000000")
        let same = Self.stored([("notes", "x")], written: "9000000").text
        let other = Self.stored([("notes", "y")], written: "9000000").text
        guard let header = stored.header else { Issue.record("no marker"); return }
        #expect(DocumentMerge.differsOnlyInWritten(same, from: stored.text, storedHeader: header))
        #expect(!DocumentMerge.differsOnlyInWritten(other, from: stored.text, storedHeader: header))
        let edited = Self.stored([("notes", "x")], written: "9000000", edited: "1").text
        #expect(!DocumentMerge.differsOnlyInWritten(edited, from: stored.text, storedHeader: header))
    }
}
