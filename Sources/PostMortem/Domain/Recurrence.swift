/// Earlier incidents like this one: the same fingerprint, or the same target and incident type,
/// detected within the 90 days before it.
public struct Recurrence: Sendable, Equatable {
    /// How far back the store looks.
    public static let windowDays = 90
    /// How many earlier incidents a report lists.
    public static let listed = 5

    /// One earlier incident.
    public struct Past: Sendable, Equatable {
        public var id: String
        public var title: String
        public var severity: String
        public var createdAt: Timestamp
        public var resolvedAt: Timestamp?

        public init(id: String, title: String, severity: String, createdAt: Timestamp, resolvedAt: Timestamp?) {
            self.id = id
            self.title = title
            self.severity = severity
            self.createdAt = createdAt
            self.resolvedAt = resolvedAt
        }
    }

    /// All earlier incidents in the window.
    public var count: Int
    /// The latest ``listed`` of them, newest first.
    public var latest: [Past]

    public init(count: Int, latest: [Past]) {
        self.count = count
        self.latest = latest
    }
}
