import Bytes
import Foundation

/// Regenerates a stored post-mortem without losing a line a person wrote.
///
/// - A region whose content still hashes to its begin marker (nobody edited it) is replaced by
///   the new content of the same region, or dropped when the templates no longer produce it.
/// - An edited region is kept as edited; when its generated content changed meanwhile, that
///   is a conflict for a person to resolve.
/// - A region a person deleted stays deleted (the document marker remembers it was produced);
///   a region the templates newly produce is inserted after its predecessor.
/// - Every line outside regions stays where it is. A post-mortem sentinel-report did not write
///   is kept verbatim after the generated regions, under a section of its own.
public enum DocumentMerge {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// Regions a person edited whose generated content has changed since.
        public var conflicts: [String]

        /// Whether the text holds nothing but white space (a document never to be written).
        var isBlank: Bool { !text.contains { !$0.isWhitespace } }
    }

    /// One piece of a stored document.
    enum Piece: Equatable, Sendable {
        case text(String)
        /// A region with the hash its begin marker records, and whether a person edited it.
        case region(DocumentRegions.Region, edited: Bool)

        /// The UTF-8 length of the piece as written: a region with its markers.
        var utf8Count: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .region(let region, _): DocumentRegions.markedCount(region)
            }
        }
    }

    /// A stored document split into its document marker and pieces.
    struct Stored: Sendable {
        /// The document as stored.
        let text: String
        var header: DocumentRegions.Header?
        var pieces: [Piece]

        /// Whether sentinel-report wrote this document (it has a marker or a region).
        var isGenerated: Bool {
            header != nil || pieces.contains { if case .region = $0 { true } else { false } }
        }

        /// The names of the regions the generator produced last time, deleted ones included.
        var produced: Set<String> {
            Set(header?.regions ?? pieces.compactMap { if case .region(let region, _) = $0 { region.name } else { nil } })
        }

        /// The first region named `name`, and whether a person edited it.
        func region(_ name: String) -> (region: DocumentRegions.Region, edited: Bool)? {
            for case .region(let region, let edited) in pieces where region.name == name { return (region, edited) }
            return nil
        }

        /// `text` parsed, or `nil` when it is absent or blank.
        static func parsing(_ text: String?) -> Stored? {
            guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
            return Stored(text)
        }

        /// Reads `text` line by line on its UTF-8 bytes. Only a line starting with `<` can be a
        /// marker; the text between markers is copied by stretches, a region's content as one
        /// slice of `text`.
        init(_ text: String) {
            self.text = text
            var header: DocumentRegions.Header?
            var pieces: [Piece] = []
            var source = text
            source.withUTF8 { bytes in
                var buffer = ""
                // The start of the text not yet added to `buffer`.
                var stretch = 0
                var lineStart = 0
                while lineStart < bytes.count {
                    let lineEnd = bytes.firstNewline(from: lineStart)
                    let next = lineEnd + 1
                    guard bytes[lineStart] == UInt8(ascii: "<") else {
                        lineStart = next
                        continue
                    }
                    let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                    if header == nil, let parsed = DocumentRegions.Header(bytes: line) {
                        buffer += text[utf8Offsets: stretch..<lineStart]
                        header = parsed
                        // The blank line written after the marker belongs to it.
                        lineStart = next < bytes.count && bytes[next] == UInt8(ascii: "\n") ? next + 1 : next
                        stretch = min(lineStart, bytes.count)
                        continue
                    }
                    if let (name, algorithm, hash) = Self.begin(line), let end = Self.endLine(of: name, in: bytes, from: next) {
                        buffer += text[utf8Offsets: stretch..<lineStart]
                        if !buffer.isEmpty { pieces.append(.text(buffer)) }
                        buffer = ""
                        let content = String(text[utf8Offsets: next..<end.lowerBound])
                        let region = DocumentRegions.Region(name: name, content: content, algorithm: algorithm, hash: hash)
                        pieces.append(.region(region, edited: region.isEdited))
                        lineStart = end.upperBound + 1
                        stretch = min(lineStart, bytes.count)
                        continue
                    }
                    lineStart = next
                }
                buffer += text[utf8Offsets: stretch..<bytes.count]
                // Every line of text ends with a line break, the last one included.
                if stretch < bytes.count, bytes[bytes.count - 1] != UInt8(ascii: "\n") { buffer += "\n" }
                if !buffer.isEmpty { pieces.append(.text(buffer)) }
            }
            // Documents of format 2 and earlier name their regions by heading: mapped to ids once.
            if (header?.format ?? 0) < 3 {
                if let regions = header?.regions { header?.regions = regions.map { DocumentRegions.legacyNames[$0] ?? $0 } }
                pieces = pieces.map { piece in
                    guard case .region(let region, let edited) = piece, let id = DocumentRegions.legacyNames[region.name] else {
                        return piece
                    }
                    return .region(.init(name: id, content: region.content, algorithm: region.algorithm, hash: region.hash), edited: edited)
                }
            }
            self.header = header
            self.pieces = pieces
        }

        /// The name, hash algorithm and hash of a begin marker line.
        static func begin(_ line: UnsafeBufferPointer<UInt8>) -> (String, DocumentRegions.HashAlgorithm, String)? {
            guard let body = DocumentRegions.markerBody(line, prefix: DocumentRegions.beginPrefix) else { return nil }
            let fields = DocumentRegions.words(body, separatedBy: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 3, let algorithm = DocumentRegions.HashAlgorithm(rawValue: fields[1]) else { return nil }
            return (fields[0], algorithm, fields[2])
        }

        /// The byte range of the first line at or after `start` that is the end marker of
        /// `name`, without its line break.
        static func endLine(of name: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
            var marker = "\(DocumentRegions.endPrefix)\(name)\(DocumentRegions.suffix)"
            return marker.withUTF8 { marker in
                guard let base = bytes.baseAddress, let markerBase = marker.baseAddress else { return nil }
                var lineStart = start
                while lineStart < bytes.count {
                    let lineEnd = bytes.firstNewline(from: lineStart)
                    if lineEnd - lineStart == marker.count, memcmp(base + lineStart, markerBase, marker.count) == 0 {
                        return lineStart..<lineEnd
                    }
                    lineStart = lineEnd + 1
                }
                return nil
            }
        }
    }

    /// The new text of a post-mortem.
    ///
    /// - Parameters:
    ///   - stored: the post-mortem as read (`nil` or blank when there is none).
    ///   - regions: the newly generated regions, in order.
    ///   - header: the new document marker.
    ///   - earlierHeading: the section put above a post-mortem sentinel-report did not write;
    ///     made only for such a post-mortem.
    public static func merge(
        stored: String?, regions: [DocumentRegions.Region], header: DocumentRegions.Header,
        earlierHeading: @autoclosure () -> String
    ) -> Result {
        merge(stored: Stored.parsing(stored), regions: regions, header: header, earlierHeading: earlierHeading())
    }

    /// The new text of a post-mortem already parsed (`nil` when there is none).
    static func merge(
        stored parsed: Stored?, regions: [DocumentRegions.Region], header: DocumentRegions.Header,
        earlierHeading: @autoclosure () -> String
    ) -> Result {
        let top = header.line + "\n\n"
        guard let parsed else {
            // The first run's case, written from the regions directly: wrapping each in a piece
            // for ``written(_:_:)`` costs about 1 % of a new document.
            var text = top
            text.reserveCapacity(top.utf8.count + regions.reduce(0) { $0 + DocumentRegions.markedCount($1) })
            for region in regions { DocumentRegions.appendMarked(region, to: &text) }
            return Result(text: text, conflicts: [])
        }
        guard parsed.isGenerated else {
            var text = written(top, regions.map { .region($0, edited: false) } + [.text(earlierHeading() + parsed.text)])
            if !text.hasSuffix("\n") { text += "\n" }
            return Result(text: text, conflicts: [])
        }

        let new = Dictionary(regions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // What goes where, by the region it places (nil for text); written out once at the end.
        var placed: [(name: String?, piece: Piece)] = []
        var conflicts: [String] = []
        for piece in parsed.pieces {
            switch piece {
            case .text:
                placed.append((nil, piece))
            case .region(let old, let edited):
                let alreadyPlaced = placed.contains { $0.name == old.name }
                if edited {
                    placed.append((alreadyPlaced ? nil : old.name, piece))
                    if !alreadyPlaced, let fresh = new[old.name], old.differs(from: fresh) { conflicts.append(old.name) }
                } else if let fresh = new[old.name], !alreadyPlaced {
                    placed.append((old.name, .region(fresh, edited: false)))
                }
            }
        }
        // Regions the templates produce now but did not last time go after their predecessor.
        let produced = parsed.produced
        for (index, region) in regions.enumerated() where !produced.contains(region.name) {
            let predecessors = Set(regions[..<index].map(\.name))
            let position = placed.lastIndex { $0.name.map(predecessors.contains) == true }.map { $0 + 1 } ?? 0
            placed.insert((region.name, .region(region, edited: false)), at: position)
        }
        return Result(text: written(top, placed.map(\.piece)), conflicts: conflicts)
    }

    /// Whether `text`, a merged document, is `stored` but for its document marker's `written`
    /// field (`storedHeader` is `stored`'s marker, on its first line).
    static func differsOnlyInWritten(_ text: String, from stored: String, storedHeader: DocumentRegions.Header) -> Bool {
        guard let end = text.utf8.firstIndex(of: UInt8(ascii: "\n")),
            var header = DocumentRegions.Header(line: Substring(text.utf8[..<end]))
        else { return false }
        header.written = storedHeader.written
        let line = header.line
        return stored.utf8.starts(with: line.utf8)
            && Substring(stored.utf8.dropFirst(line.utf8.count)) == Substring(text.utf8[end...])
    }

    /// `top` followed by every piece as written (regions with their markers), in a string
    /// sized once.
    private static func written(_ top: String, _ pieces: [Piece]) -> String {
        var text = top
        text.reserveCapacity(top.utf8.count + pieces.reduce(0) { $0 + $1.utf8Count })
        for piece in pieces {
            switch piece {
            case .text(let piece): text += piece
            case .region(let region, _): DocumentRegions.appendMarked(region, to: &text)
            }
        }
        return text
    }
}
