import Testing
import TestSupport
@testable import Templates

struct StringDecodingTests {
    /// The same string as decoding the buffer whole, whatever stretches of ASCII and other
    /// characters it holds and wherever the 512-byte blocks cut them, invalid bytes included.
    @Test(arguments: 0..<8)
    func decodesAsAWholeBufferWould(seed: Int) {
        let pieces: [[UInt8]] = [
            Array(repeating: UInt8(ascii: "a"), count: 700), Array("log line 12:00:01 INFO ok\n".utf8), Array("—".utf8),
            Array("ñandú 🚨".utf8), Array(repeating: UInt8(ascii: "x"), count: 511), [0xE2, 0x80], [0xFF], [0xC3],
            Array(repeating: UInt8(ascii: "-"), count: 1_030),
        ]
        var random = SeededRandom(seed: UInt64(seed) + 3)
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + random.below(8)) {
                bytes += random.pick(pieces)
                // Spaces shift where the blocks cut the text.
                bytes += Array(repeating: UInt8(ascii: " "), count: random.below(9))
            }
            let decoded = String(decodingInASCIIStretches: bytes)
            #expect(decoded == String(decoding: bytes, as: UTF8.self))
            #expect(Array(decoded.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
    }

    @Test(arguments: [[UInt8](), Array("x".utf8), Array("ñ".utf8)])
    func decodesShortBuffers(bytes: [UInt8]) {
        #expect(String(decodingInASCIIStretches: bytes) == String(decoding: bytes, as: UTF8.self))
    }
}
