/// An instant with microsecond precision, as PostgreSQL stores a `timestamptz`.
///
/// The store reads timestamps as epoch seconds (`extract(epoch from …)`), which is exact and
/// independent of the session's TimeZone and DateStyle settings.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public let microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Parses PostgreSQL's epoch text, such as `1732888800.123456` or `-86400`, on its bytes:
    /// an optional `-`, digits, and optionally `.` and digits (those after the sixth ignored).
    public init?(epochText text: Substring) {
        var bytes = text.utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var whole: Int64 = 0
        var wholeDigits = 0
        while let byte = bytes.first, let digit = Self.digit(byte) {
            let (times10, overflow) = whole.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            guard !overflow, !overflow2 else { return nil }
            whole = sum
            wholeDigits += 1
            bytes = bytes.dropFirst()
        }
        guard wholeDigits > 0 else { return nil }
        var fraction: Int64 = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard !bytes.isEmpty else { return nil }
            var scale: Int64 = 100_000
            while let byte = bytes.first {
                guard let digit = Self.digit(byte) else { return nil }
                fraction += digit * scale
                scale /= 10
                bytes = bytes.dropFirst()
            }
        }
        guard bytes.isEmpty else { return nil }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return nil }
        let magnitude = product + fraction
        self.microseconds = negative ? -magnitude : magnitude
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    /// The span from `self` to `later` as a reader computes it from the two times shown (each
    /// truncated to the second, as ``utcText`` writes it), negative when `later` is earlier: a
    /// page whose times read 08:04:05 and 09:35:00 says 1h 30m 55s, whatever the microseconds.
    public func duration(to later: Timestamp) -> Span {
        let shown = { (time: Timestamp) in Self.floorDivision(time.microseconds, 1_000_000).0 }
        return Span(microseconds: (shown(later) - shown(self)) * 1_000_000)
    }

    /// `yyyy-mm-dd hh:mm:ss` in UTC, truncated to the second.
    public var utcText: String {
        let (day, secondOfDay) = Self.floorDivision(microseconds, 86_400_000_000)
        let seconds = secondOfDay / 1_000_000
        let (year, month, dayOfMonth) = Self.civilDate(daysSinceEpoch: day)
        guard (0...9999).contains(year) else {
            return "\(String(year))-\(Self.pad(month))-\(Self.pad(dayOfMonth)) "
                + "\(Self.pad(seconds / 3600)):\(Self.pad(seconds / 60 % 60)):\(Self.pad(seconds % 60))"
        }
        // Four-digit years, the only ones Sentinel stores: digits written straight into the
        // string's bytes, without interpolation or an array of fields.
        return String(unsafeUninitializedCapacity: 19) { buffer in
            func write(_ value: Int64, width: Int, at end: Int) {
                var rest = value
                for position in stride(from: end - 1, through: end - width, by: -1) {
                    buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            write(year, width: 4, at: 4)
            buffer[4] = UInt8(ascii: "-")
            write(month, width: 2, at: 7)
            buffer[7] = UInt8(ascii: "-")
            write(dayOfMonth, width: 2, at: 10)
            buffer[10] = UInt8(ascii: " ")
            write(seconds / 3600, width: 2, at: 13)
            buffer[13] = UInt8(ascii: ":")
            write(seconds / 60 % 60, width: 2, at: 16)
            buffer[16] = UInt8(ascii: ":")
            write(seconds % 60, width: 2, at: 19)
            return 19
        }
    }

    /// `yyyy-mm-dd` in UTC.
    public var utcDate: String {
        String(utcText.prefix(10))
    }

    /// The time `text` names as ``utcText`` writes it, `yyyy-mm-dd hh:mm:ss` (or without
    /// seconds), in UTC, as a person types it into a post-mortem; `nil` for anything else.
    public init?(utcText text: Substring) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = Day(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int64(clock[0]), let minute = Int64(clock[1]), hour < 24, minute < 60
        else { return nil }
        let second = clock.count == 3 ? Int64(clock[2]) ?? 60 : 0
        guard second < 60 else { return nil }
        let days = Self.daysSinceEpoch(year: Int64(day.year), month: Int64(day.month), day: Int64(day.day))
        self.init(microseconds: ((days * 24 + hour) * 3600 + minute * 60 + second) * 1_000_000)
    }

    /// The day count since 1970-01-01 of a date of the proleptic Gregorian calendar.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Howard Hinnant's days-from-civil algorithm, the inverse of ``civilDate(daysSinceEpoch:)``.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of the proleptic Gregorian calendar for a day count since 1970-01-01.
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        // Howard Hinnant's days-to-civil algorithm.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
