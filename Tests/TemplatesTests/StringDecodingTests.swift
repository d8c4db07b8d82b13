import Testing
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
        var state = UInt64(seed + 3) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(state >> 61 + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let piece = pieces[Int(state >> 33) % pieces.count]
                bytes += piece
                // Spaces shift where the blocks cut the text.
                bytes += Array(repeating: UInt8(ascii: " "), count: Int(state >> 40) % 9)
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
