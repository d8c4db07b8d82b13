import Bytes
import Templates

/// How sentinel-report marks what it generated inside a post-mortem, so that regeneration can
/// replace exactly that and keep everything a person wrote.
///
/// A generated document starts with a document marker and consists of regions, one per section
/// of its layout (``DocumentLayout``), named by the section's id, each between a begin marker
/// that records the hash of the content as generated and an end marker:
///
///     <!-- sentinel-report document; version 0.1.0; format 3; templates builtin:en; inputs 9f…; written 1759305600000000; regions header,summary -->
///
///     <!-- sentinel-report begin summary xxh64 0a1b2c3d4e5f6789 -->
///     ## Summary
///     …
///     <!-- sentinel-report end summary -->
///
/// The markers are HTML comments: invisible in rendered markdown and in the HTML export.
public enum DocumentRegions {
    /// Version of the document layout; bumped when generated documents change shape. Format 3
    /// names regions by section id; earlier formats by the slug of their heading (see ``legacyNames``).
    public static let formatVersion = 3
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

    /// A region hash as named in begin markers. New regions are written with `xxh64`, and only
    /// ever will be; stored documents written by earlier builds carry `fnv1a64`, which is still read.
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
        /// The ``formatVersion`` the document was written in.
        public var format: Int
        public var templateSet: String
        /// The hash of everything the document was generated from (see ``IncidentStore``).
        public var inputs: String
        /// When this text was written: the `post_mortem_updated_at` its write set, in
        /// microseconds since 1970 (`-` for a text not written to the database). Once the column
        /// holds something else, someone else saved the post-mortem since.
        public var written: String
        /// When someone else last saved the post-mortem, as far as sentinel-report saw: the
        /// `post_mortem_updated_at` of such a save, in microseconds since 1970; absent when none was seen.
        public var edited: String?
        /// The regions the generator produced, in order.
        public var regions: [String]

        var line: String {
            "\(documentPrefix)version \(toolVersion); format \(format); templates \(templateSet); "
                + "inputs \(inputs); written \(written); \(edited.map { "edited \($0); " } ?? "")"
                + "regions \(regions.joined(separator: ","))\(suffix)"
        }

        init(
            toolVersion: String, format: Int = formatVersion, templateSet: String, inputs: String, written: String = "-",
            edited: String? = nil, regions: [String]
        ) {
            self.toolVersion = toolVersion
            self.format = format
            self.templateSet = templateSet
            self.inputs = inputs
            self.written = written
            self.edited = edited
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
            var format = 1
            var templates: String?
            var inputs: String?
            var written = "-"
            var edited: String?
            var regions: [String] = []
            for field in words(body, separatedBy: UInt8(ascii: ";")) {
                let field = field.first == UInt8(ascii: " ") ? field.dropFirst() : field
                guard let space = field.firstIndex(of: UInt8(ascii: " ")) else { continue }
                let value = field[(space + 1)...]
                switch String(decoding: field[..<space], as: UTF8.self) {
                case "version": version = String(decoding: value, as: UTF8.self)
                case "format": format = Int(String(decoding: value, as: UTF8.self)) ?? format
                case "templates": templates = String(decoding: value, as: UTF8.self)
                case "inputs": inputs = String(decoding: value, as: UTF8.self)
                case "written": written = String(decoding: value, as: UTF8.self)
                case "edited": edited = String(decoding: value, as: UTF8.self)
                case "regions": regions = words(value, separatedBy: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
                default: continue
                }
            }
            guard let version, let templates, let inputs else { return nil }
            self.init(
                toolVersion: version, format: format, templateSet: templates, inputs: inputs, written: written, edited: edited,
                regions: regions)
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

    /// The regions of a rendered document: one per section, named by its id, its content whole
    /// lines with a blank line last, so that the end marker never joins a table or paragraph.
    public static func regions(_ sections: [TemplateSet.Section]) -> [Region] {
        sections.map { section in
            var content = section.text
            let tail = content.utf8.suffix(3)
            if !tail.contains(0x0D) {
                // Without `\r` (which joins a following `\n` into one character), count bytes.
                let breaks = tail.reversed().prefix { $0 == UInt8(ascii: "\n") }.count
                for _ in 0..<(2 - min(2, breaks)) { content += "\n" }
            } else {
                if !content.hasSuffix("\n") { content += "\n" }
                if !content.hasSuffix("\n\n") { content += "\n" }
            }
            return Region(name: section.id, content: content)
        }
    }

    /// The section id of each region name that documents of format 2 and earlier carry: the
    /// slug of the built-in English or Spanish heading it had then. Read once, when such a
    /// document is regenerated; frozen, since the headings are free to change now.
    static let legacyNames: [String: String] = [
        "summary": "summary", "resumen": "summary",
        "key-durations": "durations", "duraciones-clave": "durations",
        "timeline": "timeline", "cronología": "timeline",
        "metrics-at-detection": "metrics", "métricas-en-la-detección": "metrics",
        "connections-at-detection": "connections", "conexiones-en-la-detección": "connections",
        "root-cause-and-analysis": "analysis", "causa-raíz-y-análisis": "analysis",
        "corrective-action-and-approval": "action", "acción-correctiva-y-aprobación": "action",
        "recurrence": "recurrence", "recurrencia": "recurrence",
        "logs": "logs", "registros": "logs",
        "action-items": "action-items", "acciones-de-seguimiento": "action-items",
        "lessons-learned": "lessons", "lecciones-aprendidas": "lessons",
        "notes": "notes", "notas": "notes",
        "data-quality-notes": "data-quality", "notas-sobre-la-calidad-de-los-datos": "data-quality",
    ]

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
}
