@testable import Bytes
import Testing

struct StringUTF8OffsetsTests {
    @Test(arguments: [
        ("a\nb", 0..<1, "a"), ("a\nb", 2..<3, "b"), ("ñandú\n🚨\n", 8..<12, "🚨"), ("ñandú\n🚨\n", 0..<7, "ñandú"),
        ("x", 1..<1, ""),
    ])
    func slicesByUTF8Offsets(text: String, range: Range<Int>, expected: String) {
        #expect(text[utf8Offsets: range] == expected)
    }
}
