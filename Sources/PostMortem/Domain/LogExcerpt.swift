/// The last lines of an incident's logs.
public struct LogExcerpt: Sendable, Equatable {
    /// Lines a report shows unless told otherwise (`--log-lines`).
    public static let defaultLineCount = 50

    public var text: String
    public var shownLines: Int
    public var totalLines: Int

    public var isCut: Bool { shownLines < totalLines }

    /// The last `limit` lines of `logs` (blank trailing lines are not counted); `nil` for no logs.
    public init?(logs: String?, limit: Int) {
        guard let logs else { return nil }
        var lines = logs.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        totalLines = lines.count
        let kept = lines.suffix(max(0, limit))
        shownLines = kept.count
        text = kept.joined(separator: "\n")
    }
}
