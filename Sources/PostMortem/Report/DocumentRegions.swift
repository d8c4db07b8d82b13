import Templates

/// How sentinel-report marks what it generated inside a post-mortem, so that regeneration can
/// replace exactly that and keep everything a person wrote.
///
/// A generated document starts with a document marker and consists of regions, one per `##`
/// section (the part before the first one is `header`), each between a begin marker that
/// records the hash of the content as generated and an end marker:
///
///     <!-- sentinel-report document; version 0.1.0; format 2; templates builtin:en; inputs 9f…; regions header,summary -->
///
///     <!-- sentinel-report begin summary xxh64 0a1b2c3d4e5f6789 -->
///     ## Summary
///     …
///     <!-- sentinel-report end summary -->
///
/// The markers are HTML comments: invisible in rendered markdown and in the HTML export.
public enum DocumentRegions {
    /// Version of the document layout; bumped when generated documents change shape.
    public static let formatVersion = 2
    static let documentPrefix = "<!-- sentinel-report document; "
    static let beginPrefix = "<!-- sentinel-report begin "
    static let endPrefix = "<!-- sentinel-report end "
    static let suffix = " -->"

    /// One generated region: its name, its content (whole lines, ending with a line break) and
    /// the hash of its content as generated.
    public struct Region: Sendable, Equatable {
        public let name: String
        public let content: String
        /// How ``hash`` was computed.
        public let algorithm: HashAlgorithm
        /// The hash of the content as generated: computed once for a new region; for a region
        /// read from a stored document, what its begin marker records.
        public let hash: String

        /// A newly generated region, hashed with XXH64.
        public init(name: String, content: String) {
            self.init(name: name, content: content, algorithm: .xxh64, hash: XXH64.hex(content))
        }

        init(name: String, content: String, algorithm: HashAlgorithm, hash: String) {
            self.name = name
            self.content = content
            self.algorithm = algorithm
            self.hash = hash
        }

        /// Whether the content no longer has the hash it was generated with: a person edited it.
        var isEdited: Bool {
            algorithm.hex(content) != hash
        }

        /// Whether `other`'s content hashes, the way this region's does, to something else.
        func differs(from other: Region) -> Bool {
            (other.algorithm == algorithm ? other.hash : algorithm.hex(other.content)) != hash
        }
    }

    /// A region hash as named in begin markers. New regions are written with `xxh64`; stored
    /// documents written by earlier builds carry `fnv1a64`, which is still read.
    public enum HashAlgorithm: String, Sendable {
        case xxh64
        case fnv1a64

        /// The hash of `content` as 16 hex digits.
        func hex(_ content: String) -> String {
            switch self {
            case .xxh64: XXH64.hex(content)
            case .fnv1a64: FNV1a.hex(content)
            }
        }
    }

    /// The fields of a document marker.
    public struct Header: Sendable, Equatable {
        public var toolVersion: String
        public var templateSet: String
        /// The hash of everything the document was generated from (see ``IncidentStore``).
        public var inputs: String
        /// The regions the generator produced, in order.
        public var regions: [String]

        var line: String {
            "\(documentPrefix)version \(toolVersion); format \(formatVersion); templates \(templateSet); "
                + "inputs \(inputs); regions \(regions.joined(separator: ","))\(suffix)"
        }

        init(toolVersion: String, templateSet: String, inputs: String, regions: [String]) {
            self.toolVersion = toolVersion
            self.templateSet = templateSet
            self.inputs = inputs
            self.regions = regions
        }

        /// Parses a document marker line; `nil` for any other line.
        init?(line: Substring) {
            var line = line
            guard let header = line.withUTF8(Self.init(bytes:)) else { return nil }
            self = header
        }

        /// Parses a document marker line given as UTF-8 bytes; `nil` for any other line.
        ///
        /// Fields are `name value`, separated by `; `; every byte that matters is ASCII, so they
        /// are split on bytes, and the last of a repeated name counts.
        init?(bytes line: UnsafeBufferPointer<UInt8>) {
            guard let body = markerBody(line, prefix: documentPrefix) else { return nil }
            var version: String?
            var templates: String?
            var inputs: String?
            var regions: [String] = []
            for field in words(body, separatedBy: UInt8(ascii: ";")) {
                let field = field.first == UInt8(ascii: " ") ? field.dropFirst() : field
                guard let space = field.firstIndex(of: UInt8(ascii: " ")) else { continue }
                let value = field[(space + 1)...]
                switch String(decoding: field[..<space], as: UTF8.self) {
                case "version": version = String(decoding: value, as: UTF8.self)
                case "templates": templates = String(decoding: value, as: UTF8.self)
                case "inputs": inputs = String(decoding: value, as: UTF8.self)
                case "regions": regions = words(value, separatedBy: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
                default: continue
                }
            }
            guard let version, let templates, let inputs else { return nil }
            self.init(toolVersion: version, templateSet: templates, inputs: inputs, regions: regions)
        }
    }

    /// The non-empty runs of `bytes` between `separator` bytes.
    static func words(
        _ bytes: Slice<UnsafeBufferPointer<UInt8>>, separatedBy separator: UInt8
    ) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var words: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: separator) ?? bytes.endIndex
            if end > start { words.append(bytes[start..<end]) }
            start = end + 1
        }
        return words
    }

    /// Splits a rendered body into regions at its `##` headings (outside code blocks).
    ///
    /// The text before the first `##` heading is the region `header`; each other region is
    /// named after its heading (lower-case letters and digits joined by `-`), with `-2`, `-3`…
    /// added to repeated names.
    public static func split(_ body: String) -> [Region] {
        // Where each region starts, found line by line on the UTF-8 bytes.
        var text = body
        let starts: [(name: String, offset: Int)] = text.withUTF8 { bytes in
            var starts: [(name: String, offset: Int)] = [("header", 0)]
            var fence = FenceTracker()
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes.firstNewline(from: lineStart)
                defer { lineStart = lineEnd + 1 }
                // Only a line starting with `#`, a space or a fence byte can start a region or a fence.
                let first = bytes[lineStart]
                guard first == UInt8(ascii: "#") || first == UInt8(ascii: " ") || first == UInt8(ascii: "`") || first == UInt8(ascii: "~")
                else { continue }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if !fence.isOpen, first == UInt8(ascii: "#"), line.count >= 3, line[1] == UInt8(ascii: "#"), line[2] == UInt8(ascii: " ") {
                    var name = slug(UnsafeBufferPointer(rebasing: line.dropFirst(3)))
                    // Regions are few: a scan of the names costs less than a set.
                    if starts.contains(where: { $0.name == name }) {
                        var number = 2
                        while starts.contains(where: { $0.name == "\(name)-\(number)" }) { number += 1 }
                        name = "\(name)-\(number)"
                    }
                    starts.append((name, lineStart))
                }
                fence.read(line)
            }
            return starts
        }
        // Contents sliced from the body by UTF-8 offset (lines start after an ASCII line break,
        // so on a character boundary): copied, not decoded again.
        var regions: [Region] = []
        regions.reserveCapacity(starts.count)
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].offset : body.utf8.count
            let slice = body[utf8Offsets: start.offset..<end]
            if position == 0, slice.isEmpty { continue }
            // Room for the line breaks added below: growing the string would copy it again.
            var content = ""
            content.reserveCapacity(slice.utf8.count + 2)
            content += slice
            // Whole lines, and a blank line last, so the end marker never joins a table or paragraph.
            let tail = slice.utf8.suffix(3)
            if !tail.contains(0x0D) {
                // Without `\r` (which joins a following `\n` into one character), count bytes.
                let breaks = tail.reversed().prefix { $0 == UInt8(ascii: "\n") }.count
                for _ in 0..<(2 - min(2, breaks)) { content += "\n" }
            } else {
                if !content.hasSuffix("\n") { content += "\n" }
                if !content.hasSuffix("\n\n") { content += "\n" }
            }
            regions.append(Region(name: start.name, content: content))
        }
        return regions
    }

    /// The document without its marker lines, for HTML: the markers are for regeneration only.
    public static func withoutMarkers(_ document: String) -> String {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            ![documentPrefix, beginPrefix, endPrefix].contains { isMarker(line, prefix: $0) }
        }
        return lines.drop { $0.isEmpty }.joined(separator: "\n")
    }

    /// Whether `line` starts with `prefix` and ends with the marker suffix.
    static func isMarker(_ line: Substring, prefix: String) -> Bool {
        var line = line
        return line.withUTF8 { markerBody($0, prefix: prefix) != nil }
    }

    /// The bytes between `prefix` and the marker suffix, when `line` starts with one and ends
    /// with the other; compared on UTF-8 bytes (markers are ASCII; this runs for every line of
    /// a stored document that starts with `<`, and every line of an exported page).
    static func markerBody(_ line: UnsafeBufferPointer<UInt8>, prefix: String) -> Slice<UnsafeBufferPointer<UInt8>>? {
        let prefixCount = prefix.utf8.count
        let suffixCount = suffix.utf8.count
        guard line.count >= prefixCount + suffixCount,
            line.prefix(prefixCount).elementsEqual(prefix.utf8), line.suffix(suffixCount).elementsEqual(suffix.utf8)
        else { return nil }
        return line[prefixCount..<(line.count - suffixCount)]
    }

    /// Appends the marked text of `region` to `text`: begin marker, content, end marker.
    static func appendMarked(_ region: Region, to text: inout String) {
        text += beginPrefix
        text += region.name
        text += " "
        text += region.algorithm.rawValue
        text += " "
        text += region.hash
        text += suffix
        text += "\n"
        text += region.content
        text += endPrefix
        text += region.name
        text += suffix
        text += "\n"
    }

    /// The UTF-8 length of `region`'s marked text, as ``appendMarked(_:to:)`` writes it.
    static func markedCount(_ region: Region) -> Int {
        beginPrefix.utf8.count + endPrefix.utf8.count + 2 * (region.name.utf8.count + suffix.utf8.count + 1)
            + 2 + region.algorithm.rawValue.utf8.count + region.hash.utf8.count + region.content.utf8.count
    }

    /// A region's name from its heading's UTF-8 bytes: ``asciiSlug(_:)`` or ``unicodeSlug(_:)``.
    static func slug(_ heading: UnsafeBufferPointer<UInt8>) -> String {
        heading.allSatisfy({ $0 < 0x80 }) ? asciiSlug(heading) : unicodeSlug(Substring(String(decoding: heading, as: UTF8.self)))
    }

    /// Lower-case letters and digits of any script, other runs turned into one `-`.
    static func unicodeSlug(_ heading: Substring) -> String {
        var slug = ""
        for character in heading.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }
}

extension DocumentRegions {
    /// ``unicodeSlug(_:)`` for ASCII headings, on bytes: the same letters, digits and dashes.
    static func asciiSlug(_ heading: UnsafeBufferPointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(heading.count)
        for byte in heading {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
                bytes.append(lower)
            } else if let last = bytes.last, last != UInt8(ascii: "-") {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }
}

/// Follows fenced code blocks line by line, so markers and headings inside code are ignored.
struct FenceTracker {
    private var fence: (byte: UInt8, length: Int)?

    var isOpen: Bool { fence != nil }

    /// Reads one line (without its line break) as UTF-8 bytes: fences are ASCII.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent < 4 else { return }
        let rest = bytes.dropFirst(indent)
        guard let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return }
        let after = rest.dropFirst(run)
        if let open = fence {
            if first == open.byte, run >= open.length, String(decoding: after, as: UTF8.self).allSatisfy(\.isWhitespace) {
                fence = nil
            }
        } else if first == UInt8(ascii: "~") || !after.contains(UInt8(ascii: "`")) {
            fence = (first, run)
        }
    }
}
