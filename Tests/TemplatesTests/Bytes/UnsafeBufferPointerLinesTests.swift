@testable import Bytes
import Testing

struct UnsafeBufferPointerLinesTests {
    /// Lines between `\n` bytes, an empty last line after a final `\n`, `\r` kept in its line.
    @Test(arguments: [
        ("", [0..<0]), ("a", [0..<1]), ("a\nb\n", [0..<1, 2..<3, 4..<4]), ("\n\n", [0..<0, 1..<1, 2..<2]),
        ("ñ\r\nx", [0..<3, 4..<5]),
    ])
    func splitsAtLineFeeds(text: String, lines: [Range<Int>]) {
        var text = text
        #expect(text.withUTF8(\.lineRanges) == lines)
    }

    @Test(arguments: [("a\nb\n", 0, 1), ("a\nb\n", 1, 1), ("a\nb\n", 2, 3), ("a\nb", 2, 3), ("a\nb", 3, 3), ("", 0, 0)])
    func findsTheNextLineFeed(text: String, start: Int, newline: Int) {
        var text = text
        #expect(text.withUTF8 { $0.firstNewline(from: start) } == newline)
    }
}
