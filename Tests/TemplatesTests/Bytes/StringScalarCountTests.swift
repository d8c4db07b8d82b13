@testable import Bytes
import Testing

/// The scalar count on bytes agrees with Swift's own, for every length class and script.
struct StringScalarCountTests {
    static let alphabet: [Character] = ["a", "Z", " ", "\n", "é", "ñ", "€", "😀", "👩‍👩‍👧", "\r\n", "\u{0301}", "字", "\u{7F}", "\u{80}"]

    @Test(arguments: 0..<40)
    func countsWhatUnicodeScalarsCounts(length: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "a" })
            #expect(text.unicodeScalarCount == text.unicodeScalars.count, "\(text.debugDescription)")
            // Every slice, whatever its alignment to the eight-byte words.
            for start in 0..<min(9, text.count) {
                let slice = text.dropFirst(start)
                #expect(slice.unicodeScalarCount == slice.unicodeScalars.count)
            }
        }
    }
}
