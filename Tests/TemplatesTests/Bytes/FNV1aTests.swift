@testable import Bytes
import Testing

@Suite struct FNV1aTests {
    /// Published FNV-1a 64 test vectors: stored documents carry these hashes, so they must never change.
    @Test(arguments: [
        ("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"),
    ])
    func knownVectors(text: String, hash: String) {
        #expect(FNV1a.hex(text) == hash)
    }

    @Test func hashesUTF8BytesOfBridgedAndSubstringText() {
        let slice = "xx## Resumen · ñandú\n"
        let text = String(slice.dropFirst(2))
        #expect(FNV1a.hex(text) == FNV1a.hex("## Resumen · ñandú\n"))
        #expect(FNV1a.hex("ñ") != FNV1a.hex("n"))
    }

    @Test func combineSeparatesParts() {
        var joined = FNV1a()
        joined.combine("ab")
        joined.combine("c")
        var split = FNV1a()
        split.combine("a")
        split.combine("bc")
        #expect(joined.hex != split.hex)
        #expect(joined.hex.count == 16)
    }
}
