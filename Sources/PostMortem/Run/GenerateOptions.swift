import Foundation

/// What a `generate` run selects and where it writes.
public struct GenerateOptions: Sendable {
    /// Only these incidents (validated UUIDs); empty selects by the rules below.
    public var incidentIDs: [String] = []
    /// Re-render every selected incident, not only those whose inputs changed (still losslessly).
    public var force = false
    /// Write nothing to the database.
    public var dryRun = false
    /// Only incidents resolved on or after this day (`yyyy-mm-dd`, UTC).
    public var since: String?
    /// Only incidents resolved on or before this day.
    public var until: String?
    /// Process at most this many incidents.
    public var limit: Int?
    /// Also write each document to this folder as `.md` (and `.html` with ``html``).
    public var outputDirectory: URL?
    public var html = false
    /// Incidents read, rendered and written per transaction.
    public var batchSize = 100

    public init() {}
}
