/// What Sentinel's metrics snapshots hold: a label and unit for every known key (FACTS.md).
public enum MetricCatalog {
    /// How a known metric is shown.
    public struct Metric: Sendable {
        public let key: String
        public let label: (en: String, es: String)
        /// Unit text after the value, such as `MB` or `KiB/s`; empty for counts and booleans.
        public let unit: String
        public let kind: Kind

        public func label(for locale: String) -> String {
            locale == "es" ? label.es : label.en
        }
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
        Metric(key: "mem_usage_mb", label: ("Memory used", "Memoria usada"), unit: "MB", kind: .number),
        Metric(key: "mem_limit_mb", label: ("Memory limit", "Límite de memoria"), unit: "MB", kind: .number),
        Metric(key: "mem_percent", label: ("Memory, share of limit", "Memoria, porcentaje del límite"), unit: "%", kind: .usagePercent),
        Metric(key: "cpu_percent", label: ("CPU, share of one core", "CPU, porcentaje de un núcleo"), unit: "%", kind: .usagePercent),
        Metric(key: "net_in_kbps", label: ("Network in", "Red, entrada"), unit: "KiB/s", kind: .number),
        Metric(key: "net_out_kbps", label: ("Network out", "Red, salida"), unit: "KiB/s", kind: .number),
        Metric(key: "restarts_1h", label: ("Restarts in the last hour", "Reinicios en la última hora"), unit: "", kind: .number),
    ]

    static let postgres: [Metric] = [
        Metric(key: "connections", label: ("Connections", "Conexiones"), unit: "", kind: .number),
        Metric(key: "max_connections", label: ("Connection limit", "Límite de conexiones"), unit: "", kind: .number),
        Metric(
            key: "conn_percent", label: ("Connections, share of limit", "Conexiones, porcentaje del límite"), unit: "%", kind: .usagePercent
        ),
        Metric(key: "db_size_mb", label: ("Database size", "Tamaño de la base de datos"), unit: "MB", kind: .number),
        Metric(key: "cache_hit_percent", label: ("Cache hit ratio", "Aciertos de caché"), unit: "%", kind: .ratioPercent),
        Metric(key: "deadlocks_per_min", label: ("Deadlocks per minute", "Interbloqueos por minuto"), unit: "", kind: .number),
        Metric(key: "longest_tx_sec", label: ("Longest transaction", "Transacción más larga"), unit: "s", kind: .number),
    ]

    static let kubernetes: [Metric] =
        container + [
            Metric(key: "restarts_total", label: ("Restarts in total", "Reinicios en total"), unit: "", kind: .number),
            Metric(key: "ready", label: ("Ready", "Listo"), unit: "", kind: .boolean),
            Metric(key: "running", label: ("Running", "En ejecución"), unit: "", kind: .boolean),
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
