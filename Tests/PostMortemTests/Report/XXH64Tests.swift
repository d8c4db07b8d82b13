import Testing
@testable import PostMortem

struct XXH64Tests {
    /// Hashes from the reference implementation (python-xxhash 3, `xxh64_hexdigest`), at every
    /// length class: under 4, 4–7, 8–31 and 32 or more bytes, and multi-byte text. Stored
    /// documents carry these hashes, so they must never change.
    @Test(arguments: [
        ("", "ef46db3751d8e999"), ("a", "d24ec4f1a98c6e5b"), ("abc", "44bc2cf5ad770999"),
        ("hello wor", "60399db316711aa3"), ("## Summary\n\nIt was one.\n\n", "46a42b4202e08d3a"),
        (String(repeating: "x", count: 31), "60dd0d01083b99f0"), (String(repeating: "y", count: 32), "64da1f1d3495ce66"),
        ("The quick brown fox jumps over the lazy dog", "0b242d361fda71bc"),
        (String(repeating: "## Métricas en la detección · ñandú 日本語\n", count: 3), "764429d62e2c34a5"),
    ])
    func matchesTheReferenceImplementation(text: String, hash: String) {
        #expect(XXH64.hex(text) == hash)
    }

    /// A substring's own bytes are hashed, not its base string's.
    @Test func hashesTheBytesOfASlice() {
        let text = String("xx## Summary\n\nIt was one.\n\n".dropFirst(2))
        #expect(XXH64.hex(text) == "46a42b4202e08d3a")
    }

    /// Any one-byte change to a region changes its hash (what an edit looks like).
    @Test func everyOneByteEditChangesTheHash() {
        let base = Array("## Timeline\n\n| 1 | detected | 2026-10-01 00:00:00 UTC |\n\n".utf8)
        let original = XXH64.hex(String(decoding: base, as: UTF8.self))
        var seen: Set<String> = [original]
        for index in base.indices {
            var edited = base
            edited[index] ^= 0x01
            seen.insert(XXH64.hex(String(decoding: edited, as: UTF8.self)))
        }
        #expect(seen.count == base.count + 1)
    }
}
