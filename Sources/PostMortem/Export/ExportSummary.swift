/// What an export wrote.
public struct ExportSummary: Sendable {
    public var exported: [String] = []
    /// Resolved incidents that have no post-mortem yet: listed, not invented.
    public var withoutPostMortem: [String] = []
    public var failed: [RunSummary.Note] = []
    public var index: String?
    /// Secrets removed from the pages, counted by rule.
    public var redactions = Redactor.Counts()

    public var exitCode: Int32 { failed.isEmpty ? 0 : 1 }

    public var text: String {
        var text = "\(exported.count) post-mortems exported"
        if let index { text += ", index in \(index)" }
        text += ".\n"
        if let line = redactions.line { text += line }
        if !withoutPostMortem.isEmpty {
            text += "\(withoutPostMortem.count) resolved incident(s) have no post-mortem yet (run generate first):\n"
            for id in withoutPostMortem { text += "  \(id)\n" }
        }
        for note in failed { text += "  failed  \(note.id): \(note.reason)\n" }
        return text
    }
}
