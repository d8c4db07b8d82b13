/// The 64-bit FNV-1a hash: fast, stable across runs and platforms, not cryptographic.
///
/// Used to notice change (an edited region, a changed template set), never to resist tampering.
public struct FNV1a: Sendable {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds the UTF-8 bytes of `text`, then a separator byte that text cannot hold.
    public mutating func combine<S: StringProtocol>(_ text: S) {
        for byte in text.utf8 { add(byte) }
        add(0xFF)
    }

    private mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The hash of `text` alone (no separator), as 16 hex digits.
    public static func hex<S: StringProtocol>(_ text: S) -> String {
        var hasher = FNV1a()
        for byte in text.utf8 { hasher.add(byte) }
        return hasher.hex
    }
}
