import Foundation

/// What a `generate` run selects and where it writes.
public struct GenerateOptions: Sendable {
    /// Only these incidents (validated UUIDs); empty selects every resolved incident without a post-mortem.
    public var incidentIDs: [String] = []
    /// Also regenerate post-mortems sentinel-report wrote before (never anyone else's).
    public var force = false
    /// Write nothing to the database.
    public var dryRun = false
    /// Also write each document to this folder as `.md` (and `.html` with ``html``).
    public var outputDirectory: URL?
    public var html = false
    /// Incidents read per query.
    public var batchSize = 200

    public init() {}
}
