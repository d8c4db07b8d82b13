/// Where a post-mortem's review stands, read from the stored text on every regeneration: the
/// status a person set, the sections for people still as generated, and when someone other
/// than sentinel-report last saved the text.
///
/// What people fill in never changes the incident's row, so a save of the post-mortem alone
/// would leave the generated parts as they were: every document records when it was written
/// (``DocumentRegions/Header/written``, the `post_mortem_updated_at` of its write), and a
/// post-mortem whose `post_mortem_updated_at` moved since is due again (``IncidentStore``).
struct ReviewState: Sendable {
    /// The sections people fill in, in document order. A section that a layout lacks, or that a
    /// person deleted, is never listed as still to fill.
    static let sectionsForPeople = ["review", "impact", "analysis", "action-items", "lessons"]

    /// The review's status as a person wrote it in the review table; `nil` while it says the
    /// generated word (draft) or nothing.
    var status: String?
    /// The sections for people that someone edited or deleted.
    var touched: Set<String> = []
    /// When someone other than sentinel-report last saved the post-mortem, as far as known.
    var lastEdited: Timestamp?

    /// The longest status shown as written; a longer one is not a status.
    static let longestStatus = 40

    /// The state of `stored`, the incident's post-mortem as read, last saved at `updatedAt`
    /// (`post_mortem_updated_at`).
    init(stored: DocumentMerge.Stored?, updatedAt: Timestamp?, statusLabel: String, draft: String) {
        guard let stored, stored.isGenerated else { return }
        let produced = stored.produced
        for id in Self.sectionsForPeople {
            if let (_, edited) = stored.region(id) {
                if edited { touched.insert(id) }
            } else if produced.contains(id) {
                touched.insert(id)
            }
        }
        if let value = LabeledCell.values(labeled: statusLabel, in: stored.region("review")?.region.content).first,
            value.count <= Self.longestStatus, value.lowercased() != draft.lowercased()
        {
            status = String(value)
        }
        // A document written since this field exists records when: if the column moved since,
        // someone else saved it then. Earlier ones carry the last such save forward.
        if let written = stored.header?.written, let micros = Int64(written), let updatedAt, updatedAt.microseconds != micros {
            lastEdited = updatedAt
        } else {
            lastEdited = stored.header?.edited.flatMap(Int64.init).map(Timestamp.init(microseconds:))
        }
    }

    /// Whether the stored text was written by sentinel-report and nobody saved it since.
    static func isCurrent(_ stored: DocumentMerge.Stored?, updatedAt: Timestamp?) -> Bool {
        guard let written = stored?.header?.written, let updatedAt else { return false }
        return written == String(updatedAt.microseconds)
    }

    /// The sections for people in `layout` (section ids in order) that nobody touched yet.
    func stillToFill(in layout: [String]) -> [String] {
        layout.filter { Self.sectionsForPeople.contains($0) && !touched.contains($0) }
    }
}
