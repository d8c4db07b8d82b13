/// The 64-bit FNV-1a hash: fast, stable across runs and platforms, not cryptographic.
///
/// Used to notice change (an edited region, a changed template set), never to resist tampering.
public struct FNV1a: Sendable {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds the UTF-8 bytes of `text`, then a separator byte that text cannot hold.
    public mutating func combine(_ text: String) {
        add(text)
        add(0xFF)
    }

    /// Adds the UTF-8 bytes of `text`, read from its contiguous storage.
    private mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var value = self.value
            for byte in bytes {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01B3
            }
            self.value = value
        }
    }

    private mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        value.hexDigits
    }

    /// The hash of `text` alone (no separator), as 16 hex digits.
    public static func hex(_ text: String) -> String {
        var hasher = FNV1a()
        hasher.add(text)
        return hasher.hex
    }
}
