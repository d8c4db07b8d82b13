/// What Sentinel's metrics snapshots hold: a unit and kind for every known key (FACTS.md);
/// their labels are in each locale's strings.
public enum MetricCatalog {
    /// How a known metric is shown.
    public struct Metric: Sendable {
        public let key: String
        /// Unit text after the value, such as `MB` or `KiB/s`; empty for counts and booleans.
        public let unit: String
        public let kind: Kind
    }

    public enum Kind: Sendable, Equatable {
        case number
        case boolean
        /// A percentage where 90 % or more is a warning (usage of a limit).
        case usagePercent
        /// A percentage where less than 90 % is a warning (cache hits).
        case ratioPercent
    }

    /// The threshold of the warning flag and the line on the bars.
    public static let threshold = 90.0

    static let container: [Metric] = [
        Metric(key: "mem_usage_mb", unit: "MB", kind: .number),
        Metric(key: "mem_limit_mb", unit: "MB", kind: .number),
        Metric(key: "mem_percent", unit: "%", kind: .usagePercent),
        Metric(key: "cpu_percent", unit: "%", kind: .usagePercent),
        Metric(key: "net_in_kbps", unit: "KiB/s", kind: .number),
        Metric(key: "net_out_kbps", unit: "KiB/s", kind: .number),
        Metric(key: "restarts_1h", unit: "", kind: .number),
    ]

    static let postgres: [Metric] = [
        Metric(key: "connections", unit: "", kind: .number),
        Metric(key: "max_connections", unit: "", kind: .number),
        Metric(key: "conn_percent", unit: "%", kind: .usagePercent),
        Metric(key: "db_size_mb", unit: "MB", kind: .number),
        Metric(key: "cache_hit_percent", unit: "%", kind: .ratioPercent),
        Metric(key: "deadlocks_per_min", unit: "", kind: .number),
        Metric(key: "longest_tx_sec", unit: "s", kind: .number),
    ]

    static let kubernetes: [Metric] =
        container + [
            Metric(key: "restarts_total", unit: "", kind: .number),
            Metric(key: "ready", unit: "", kind: .boolean),
            Metric(key: "running", unit: "", kind: .boolean),
        ]

    /// The known metrics of a snapshot `type` (`container`, `postgres`, `kubernetes`).
    public static func metrics(forType type: String?) -> [Metric] {
        switch type {
        case "container": container
        case "postgres": postgres
        case "kubernetes": kubernetes
        default: []
        }
    }
}
