@testable import Bytes
import Testing
import TestSupport

/// Every word test against the same question asked of each byte.
struct ByteWordTests {
    static let bytes: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x1F, 0x20, 0x41, 0x60, 0x7E, 0x7F, 0x80, 0x81, 0xC2, 0xFE, 0xFF]

    /// Words of one filler byte with one other byte at each position, and seeded random words.
    static var words: [UInt64] {
        var words: [UInt64] = []
        for filler in bytes {
            for byte in bytes {
                for position in 0..<8 {
                    var bits = UInt64(0x0101_0101_0101_0101) &* UInt64(filler)
                    bits &= ~(UInt64(0xFF) << (8 * position))
                    words.append(bits | UInt64(byte) << (8 * position))
                }
            }
        }
        var random = SeededRandom(seed: 1)
        for _ in 0..<20_000 { words.append(random.next()) }
        return words
    }

    static func bytes(of bits: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    }

    @Test(arguments: [1, 0x09, 0x0A, 0x20, 0x61, 0x80] as [UInt8])
    func findsAByteBelowALimit(limit: UInt8) {
        for bits in Self.words {
            #expect(ByteWord(bits: bits).hasByte(below: limit) == Self.bytes(of: bits).contains { $0 < limit })
        }
    }

    @Test(arguments: [0x00, 0x0B, 0x60, 0x7F, 0x80, 0xC2, 0xFF] as [UInt8])
    func findsAByte(byte: UInt8) {
        for bits in Self.words {
            #expect(ByteWord(bits: bits).has(byte) == Self.bytes(of: bits).contains(byte))
        }
    }

    @Test func findsNonASCII() {
        for bits in Self.words {
            #expect(ByteWord(bits: bits).hasNonASCII == Self.bytes(of: bits).contains { $0 >= 0x80 })
        }
    }

    @Test func readsTheBytesInMemoryOrderAndStopsAtTheTail() {
        let text: [UInt8] = Array("abcdefgh`ijklmnopqr".utf8)
        text.withUnsafeBufferPointer { buffer in
            #expect(ByteWord(buffer, at: 1).has(UInt8(ascii: "`")))
            #expect(!ByteWord(buffer, at: 0).has(UInt8(ascii: "`")))
            #expect(buffer.skippingWords(from: 0) { !$0.has(UInt8(ascii: "`")) } == 8)
            #expect(buffer.skippingWords(from: 9) { _ in true } == 17)
        }
    }
}
