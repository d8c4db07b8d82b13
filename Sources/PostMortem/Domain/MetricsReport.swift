/// A metrics snapshot laid out for people: known metrics labelled, in a fixed order, with a
/// percentage bar and a warning flag; every other value as a dotted path, exactly as stored.
public struct MetricsReport: Sendable {
    public struct Row: Sendable, Equatable {
        /// The key or dotted path, as stored; empty for a row that stands for the whole snapshot.
        public var path: String
        /// What the row stands for when it is the whole snapshot rather than one of its values.
        public var whole: Whole?
        /// The catalog's label, or `nil` for a key the catalog does not know.
        public var label: String?
        /// The value exactly as stored (a number's literal, a string, `true`, `null`, …).
        public var value: String
        /// Whether `value` is the literal of a known numeric metric (shown with the locale's
        /// decimal mark).
        public var isNumber = false
        public var unit: String
        /// A ten-cell bar for a percentage, such as `█████████░`.
        public var bar: String?
        /// At or over 90 % for a usage percentage, under 90 % for a ratio.
        public var isHigh = false
        public var isLow = false
    }

    /// A snapshot shown as one row.
    public enum Whole: Sendable, Equatable {
        /// Text that is not valid JSON, shown as stored.
        case notJSON
        /// A JSON value that is neither an object nor an array.
        case value
    }

    /// The snapshot's `type` field, when it has one.
    public var type: String?
    public var rows: [Row]
    /// Known numeric or boolean metrics whose stored value is of another kind.
    public var oddValues: [String]

    /// `nil` when nothing was captured: no snapshot, JSON null, or an empty object or array.
    public init?(incident: Incident, labels: [String: String]) {
        if let raw = incident.unparsableMetrics {
            self.init(type: nil, rows: [Row(path: "", whole: .notJSON, value: raw, unit: "")], oddValues: [])
            return
        }
        guard let snapshot = incident.metricsSnapshot, snapshot != .null, snapshot != .object([]), snapshot != .array([])
        else { return nil }
        guard case .object(let members) = snapshot else {
            self.init(
                type: nil,
                rows: snapshot.leaves.map { Row(path: $0.path, whole: $0.path.isEmpty ? .value : nil, value: $0.value, unit: "") },
                oddValues: [])
            return
        }
        var type: String?
        if let member = members.first(where: { $0.key == "type" }), case .string(let text) = member.value { type = text }
        var rows: [Row] = []
        var oddValues: [String] = []
        // A handful of keys: a scan costs less than hashing them.
        var known = ["type"]
        for metric in MetricCatalog.metrics(forType: type) {
            guard let member = members.first(where: { $0.key == metric.key }) else { continue }
            known.append(metric.key)
            var row = Row(path: metric.key, label: labels[metric.key], value: "", unit: metric.unit)
            switch (metric.kind, member.value) {
            case (.boolean, .bool(let flag)):
                row.value = flag ? "true" : "false"
            case (.number, .number(let literal)):
                row.value = literal
                row.isNumber = true
            case (.usagePercent, .number(let literal)), (.ratioPercent, .number(let literal)):
                row.value = literal
                row.isNumber = true
                if let percent = Double(literal) {
                    row.bar = Self.bar(percent)
                    row.isHigh = metric.kind == .usagePercent && percent >= MetricCatalog.threshold
                    row.isLow = metric.kind == .ratioPercent && percent < MetricCatalog.threshold
                }
            case (_, .null):
                row.value = "null"
                row.unit = ""
            default:
                row.value = member.value.leaves.map(\.value).joined(separator: ", ")
                row.unit = ""
                oddValues.append(metric.key)
            }
            rows.append(row)
        }
        for member in members where !known.contains(member.key) {
            for leaf in JSONValue.object([member]).leaves {
                rows.append(Row(path: leaf.path, value: leaf.value, unit: ""))
            }
        }
        self.init(type: type, rows: rows, oddValues: oddValues)
    }

    init(type: String?, rows: [Row], oddValues: [String]) {
        self.type = type
        self.rows = rows
        self.oddValues = oddValues
    }

    /// Ten cells, one per 10 %, rounded to the nearest cell and capped at ten.
    static func bar(_ percent: Double) -> String {
        bars[max(0, min(10, Int((percent / 10).rounded())))]
    }

    /// The eleven bars, by filled cells.
    private static let bars = (0...10).map { String(repeating: "█", count: $0) + String(repeating: "░", count: 10 - $0) }
}
