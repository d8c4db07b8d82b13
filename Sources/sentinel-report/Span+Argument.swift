import ArgumentParser
import PostMortem

/// A length of time on the command line: `0`, or whole numbers with units `d`, `h`, `m` and
/// `s`, largest first, such as `15m`, `90s` or `1h30m`.
extension Span: ExpressibleByArgument {
    public init?(argument: String) {
        guard argument != "0" else {
            self.init(microseconds: 0)
            return
        }
        var seconds: Int64 = 0
        var number = ""
        var nextUnit = 0
        for character in argument {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int64(number), value <= 1_000_000,
                let unit = Self.units[nextUnit...].firstIndex(where: { $0.0 == character })
            else { return nil }
            seconds += value * Self.units[unit].1
            number = ""
            nextUnit = unit + 1
        }
        guard number.isEmpty, nextUnit > 0 else { return nil }
        self.init(microseconds: seconds * 1_000_000)
    }

    /// The units a length is written in, largest first, with their seconds.
    private static let units: [(Character, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The length as it would be typed: `15m`, `1h30m`, `0`.
    public var defaultValueDescription: String {
        var seconds = microseconds / 1_000_000
        var text = ""
        for (unit, length) in Self.units where seconds >= length {
            text += "\(seconds / length)\(unit)"
            seconds %= length
        }
        return text.isEmpty ? "0" : text
    }
}
