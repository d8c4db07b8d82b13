/// The signed length of time between two timestamps.
public struct Span: Sendable, Hashable, Comparable {
    /// Microseconds; negative when the end lies before the start.
    public let microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    public var isNegative: Bool { microseconds < 0 }

    /// A compact length such as `45s`, `3m 07s`, `2h 05m 09s` or `3d 04h 10m`, with a leading `-`
    /// when negative. Sub-second spans print as `0s`; days replace seconds past one day.
    public var text: String {
        let sign = microseconds < 0 ? "-" : ""
        let total = microseconds.magnitude / 1_000_000
        let days = total / 86_400
        let hours = total / 3600 % 24
        let minutes = total / 60 % 60
        let seconds = total % 60
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let body =
            if days > 0 { "\(days)d \(two(hours))h \(two(minutes))m" } else if hours > 0 {
                "\(hours)h \(two(minutes))m \(two(seconds))s"
            } else if minutes > 0 { "\(minutes)m \(two(seconds))s" } else { "\(seconds)s" }
        return sign + body
    }
}
