import Foundation

/// What `export` writes, and of which incidents.
public struct ExportOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// A standalone page per incident and `index.html`.
        case html
        /// Body-only XHTML per incident and `index.xhtml`, for Confluence and wiki APIs.
        case fragment
        /// The markdown per incident and `Home.md`, for git-backed wikis.
        case markdown

        var fileExtension: String {
            switch self {
            case .html: "html"
            case .fragment: "xhtml"
            case .markdown: "md"
            }
        }
    }

    public var output: URL
    public var format: Format = .html
    public var incidentIDs: [IncidentID] = []
    /// Only incidents resolved on or after this day (UTC).
    public var since: Day?
    /// Only incidents resolved on or before this day.
    public var until: Day?

    public init(output: URL) {
        self.output = output
    }
}
