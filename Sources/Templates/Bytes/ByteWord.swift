/// Eight bytes read as one 64-bit word, so a scan tests them all at once.
///
/// Each test is exact for the word as a whole ("some byte is…"), not byte by byte; a scan skips
/// the words that hold nothing it looks for and reads the others byte by byte.
public struct ByteWord: Sendable {
    public let bits: UInt64

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `bytes` from `offset` (which must leave eight to read).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        bits = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self)
    }

    init(bits: UInt64) {
        self.bits = bits
    }

    /// Whether some byte is 0x80 or more: not ASCII.
    public var hasNonASCII: Bool { bits & Self.highBits != 0 }

    /// Whether some byte is below `limit`, which is at most 128.
    public func hasByte(below limit: UInt8) -> Bool {
        (bits &- Self.ones &* UInt64(limit)) & ~bits & Self.highBits != 0
    }

    /// Whether some byte is `byte`.
    public func has(_ byte: UInt8) -> Bool {
        ByteWord(bits: bits ^ (Self.ones &* UInt64(byte))).hasByte(below: 1)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The offset of the first whole word from `start` that `isClean` rejects, or of the last
    /// bytes that do not fill a word: every byte before it lies in a word `isClean` accepted.
    public func skippingWords(from start: Int, while isClean: (ByteWord) -> Bool) -> Int {
        var offset = start
        while offset + 8 <= count, isClean(ByteWord(self, at: offset)) { offset += 8 }
        return offset
    }
}
