import Foundation

/// What a `generate` run selects and where it writes.
public struct GenerateOptions: Sendable {
    /// Only these incidents (validated UUIDs); empty selects by the rules below.
    public var incidentIDs: [IncidentID] = []
    /// Re-render every selected incident, not only those whose inputs changed (still losslessly).
    public var force = false
    /// Write nothing to the database.
    public var dryRun = false
    /// Only incidents resolved on or after this day (UTC).
    public var since: Day?
    /// Only incidents resolved on or before this day.
    public var until: Day?
    /// Process at most this many incidents.
    public var limit: Int?
    /// Also write each document to this folder as `.md` (and `.html` with ``html``).
    public var outputDirectory: URL?
    public var html = false
    /// A batch run leaves alone incidents resolved less than this long ago, while Sentinel's
    /// own post-mortem writer may still overwrite what is stored; zero takes them all.
    /// Incidents asked for by id are generated anyway.
    public var settle = Self.defaultSettle
    /// Incidents read, rendered and written per transaction.
    public var batchSize = 100

    /// Fifteen minutes: Sentinel's writer saves within a minute or two of the resolution.
    public static let defaultSettle = Span(microseconds: 15 * 60 * 1_000_000)

    public init() {}
}
