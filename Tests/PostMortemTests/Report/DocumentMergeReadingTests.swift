import Testing
import TestSupport
@testable import PostMortem

/// How a stored document is read into its marker and pieces (`DocumentMerge.Stored`), checked
/// against a plain line-by-line reading on random documents made of real and broken markers.
struct DocumentMergeReadingTests {
    /// The reading as the rules state it: lines split at `\n`, markers recognised line by line,
    /// text outside regions kept with a line break after every line.
    static func plainReading(_ text: String) -> (header: DocumentRegions.Header?, pieces: [DocumentMerge.Piece]) {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(Substring($0)) }
        if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
        var header: DocumentRegions.Header?
        var pieces: [DocumentMerge.Piece] = []
        var buffer = ""
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if header == nil, let parsed = DocumentRegions.Header(line: line[...]) {
                header = parsed
                index += 1
                if index < lines.count, lines[index].isEmpty { index += 1 }
                continue
            }
            if let (name, algorithm, hash) = beginFields(line),
                let end = lines[(index + 1)...].firstIndex(where: {
                    Array($0.utf8) == Array((DocumentRegions.endPrefix + name + DocumentRegions.suffix).utf8)
                })
            {
                if !buffer.isEmpty { pieces.append(.text(buffer)) }
                buffer = ""
                let content = lines[(index + 1)..<end].map { $0 + "\n" }.joined()
                let region = DocumentRegions.Region(name: name, content: content, algorithm: algorithm, hash: hash)
                pieces.append(.region(region, edited: region.algorithm.hex(content) != hash))
                index = end + 1
                continue
            }
            buffer += line + "\n"
            index += 1
        }
        if !buffer.isEmpty { pieces.append(.text(buffer)) }
        return (header, pieces)
    }

    /// The three words between a begin marker's prefix and suffix.
    static func beginFields(_ line: String) -> (String, DocumentRegions.HashAlgorithm, String)? {
        let bytes = Array(line.utf8)
        let prefix = Array(DocumentRegions.beginPrefix.utf8)
        let suffix = Array(DocumentRegions.suffix.utf8)
        guard bytes.count >= prefix.count + suffix.count, Array(bytes.prefix(prefix.count)) == prefix,
            Array(bytes.suffix(suffix.count)) == suffix
        else { return nil }
        let words = bytes[prefix.count..<(bytes.count - suffix.count)].split(separator: UInt8(ascii: " "))
            .map { String(decoding: $0, as: UTF8.self) }
        guard words.count == 3, let algorithm = DocumentRegions.HashAlgorithm(rawValue: words[1]) else { return nil }
        return (words[0], algorithm, words[2])
    }

    /// Lines a stored document may hold: a real one's, and markers broken or moved by hand.
    static let lines: [String] = {
        let document = DocumentMergeTests.generate("one", over: nil).text
        let real = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return real + [
            "", "", "A person's note.", "ñandú 日本語 — ok", "line with a CR\r", "<", "<!-- a comment -->", "<b>bold</b>",
            "<!-- sentinel-report begin summary xxh64 0000000000000000 -->",
            "<!-- sentinel-report begin  summary   xxh64  0000000000000000 -->",
            "<!-- sentinel-report begin summary md5 0000000000000000 -->",
            "<!-- sentinel-report begin summary xxh64 -->", "<!-- sentinel-report begin -->",
            "<!-- sentinel-report begin métricas fnv1a64 0000000000000000 -->", "<!-- sentinel-report end métricas -->",
            "<!-- sentinel-report end summary -->\r", "<!-- sentinel-report end summary --> ", "<!-- sentinel-report end -->",
            "<!-- sentinel-report document; version 2; format 2; templates custom:x; inputs y; regions summary,notes -->",
            "<!-- sentinel-report document; version 2; templates custom:x -->",
        ]
    }()

    @Test(arguments: 0..<6)
    func readsAsThePlainReadingDoes(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 101)
        for _ in 0..<400 {
            var picked: [String] = []
            for _ in 0..<(1 + random.next() % 40) {
                // Mostly runs of the real document's lines, so regions stay whole often.
                let start = Int(random.next() % UInt64(Self.lines.count))
                let run = random.next() % 3 == 0 ? Self.lines[start...].prefix(Int(random.next() % 12)) : [Self.lines[start]]
                picked += run
            }
            let endings = ["", "\n", "\n\n", "\r\n"]
            let text = picked.joined(separator: "\n") + endings[Int(random.next() % 4)]
            guard text.utf8.contains(where: { $0 != UInt8(ascii: "\n") }) else { continue }
            let stored = DocumentMerge.Stored(text)
            let plain = Self.plainReading(text)
            #expect(stored.header == plain.header, "\(text.debugDescription)")
            #expect(stored.pieces == plain.pieces, "\(text.debugDescription)")
        }
    }

    /// Document markers written by hand or by other builds: fields in any order, the last of a
    /// repeated name counting, unknown ones ignored; without a version, templates or inputs
    /// it is no marker.
    @Test(arguments: [
        ("version 1; templates t; inputs i; regions a,b", ["1", "t", "i", "a|b"]),
        ("regions ,a,,b,; inputs i; templates t; version 1", ["1", "t", "i", "a|b"]),
        ("version 1; version 2; templates t; inputs i; extra x y", ["2", "t", "i", ""]),
        ("version  1;templates t; inputs i; regions", [" 1", "t", "i", ""]),
        ("version 1; templates t", nil),
        ("", nil),
    ])
    func readsDocumentMarkerFields(body: String, expected: [String]?) {
        let header = DocumentRegions.Header(line: (DocumentRegions.documentPrefix + body + DocumentRegions.suffix)[...])
        #expect(header.map { [$0.toolVersion, $0.templateSet, $0.inputs, $0.regions.joined(separator: "|")] } == expected)
        #expect(DocumentRegions.Header(line: (DocumentRegions.documentPrefix + body + " --")[...]) == nil)
    }
}
