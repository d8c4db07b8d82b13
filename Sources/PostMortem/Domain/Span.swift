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

    /// The unit written after each number of a length.
    public struct Units: Sendable {
        public var days = "d"
        public var hours = "h"
        public var minutes = "m"
        public var seconds = "s"

        public init() {}
    }

    /// A compact length such as `45s`, `3m 07s`, `2h 05m 09s` or `3d 04h 10m` (with the English
    /// units), for messages to the person running the tool.
    public var text: String { text(in: Units()) }

    /// A compact length such as `45s`, `3m 07s`, `2h 05m 09s` or `3d 04h 10m` in `units`, with a
    /// leading `-` when negative. Sub-second spans print as `0s`; days replace seconds past one day.
    public func text(in units: Units) -> String {
        let sign = microseconds < 0 ? "-" : ""
        let total = microseconds.magnitude / 1_000_000
        let days = total / 86_400
        let hours = total / 3600 % 24
        let minutes = total / 60 % 60
        let seconds = total % 60
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let body =
            if days > 0 {
                "\(days)\(units.days) \(two(hours))\(units.hours) \(two(minutes))\(units.minutes)"
            } else if hours > 0 {
                "\(hours)\(units.hours) \(two(minutes))\(units.minutes) \(two(seconds))\(units.seconds)"
            } else if minutes > 0 {
                "\(minutes)\(units.minutes) \(two(seconds))\(units.seconds)"
            } else {
                "\(seconds)\(units.seconds)"
            }
        return sign + body
    }
}
