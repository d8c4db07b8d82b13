/// What a `generate` run did, incident by incident.
public struct RunSummary: Sendable {
    /// An incident and why it was skipped or failed.
    public struct Note: Sendable, Equatable {
        public var id: String
        public var reason: String
    }

    public var generated: [String] = []
    /// Rendered, but the stored post-mortem already had exactly this text.
    public var unchanged: [String] = []
    public var skipped: [Note] = []
    public var failed: [Note] = []
    public var dryRun = false
    /// Data quality notes found in the rendered documents, counted by kind.
    public var dataQuality: [String: Int] = [:]

    public var exitCode: Int32 { failed.isEmpty ? 0 : 1 }

    /// The summary for people, several lines, ending with a newline.
    public var text: String {
        if generated.isEmpty, unchanged.isEmpty, skipped.isEmpty, failed.isEmpty {
            return "Nothing to do: no resolved incident needs a post-mortem.\n"
        }
        let verb = dryRun ? "rendered (dry run, nothing written)" : "generated"
        var text = "\(generated.count) \(verb), \(unchanged.count) unchanged, \(skipped.count) skipped, \(failed.count) failed.\n"
        if !dataQuality.isEmpty {
            let counts = dataQuality.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            text += "Data quality notes: \(counts.joined(separator: ", ")).\n"
        }
        for note in skipped { text += "  skipped \(note.id): \(note.reason)\n" }
        for note in failed { text += "  failed  \(note.id): \(note.reason)\n" }
        return text
    }
}
