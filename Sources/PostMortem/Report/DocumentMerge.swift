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
    }

    /// One piece of a stored document.
    enum Piece: Equatable {
        case text(String)
        /// A region with the hash its begin marker records, and whether a person edited it.
        case region(DocumentRegions.Region, edited: Bool)
    }

    /// A stored document split into its document marker and pieces.
    struct Stored {
        var header: DocumentRegions.Header?
        var pieces: [Piece]

        /// Whether sentinel-report wrote this document (it has a marker or a region).
        var isGenerated: Bool {
            header != nil || pieces.contains { if case .region = $0 { true } else { false } }
        }

        init(_ text: String) {
            // Lines on UTF-8 bytes; a region's content is then a slice of `text` itself.
            var lines = text.linesSplitAtNewlines
            if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
            pieces = []
            var buffer = ""
            func flush() {
                if !buffer.isEmpty { pieces.append(.text(buffer)) }
                buffer = ""
            }
            var index = 0
            while index < lines.count {
                let line = lines[index]
                if header == nil, let parsed = DocumentRegions.Header(line: line) {
                    header = parsed
                    index += 1
                    // The blank line written after the marker belongs to it.
                    if index < lines.count, lines[index].isEmpty { index += 1 }
                    continue
                }
                if let (name, algorithm, hash) = Self.begin(line),
                    case let endLine = "\(DocumentRegions.endPrefix)\(name)\(DocumentRegions.suffix)",
                    let end = lines[(index + 1)...].firstIndex(where: { $0.utf8.elementsEqual(endLine.utf8) })
                {
                    flush()
                    let content = index + 1 == end ? "" : String(text[lines[index + 1].startIndex..<lines[end].startIndex])
                    let region = DocumentRegions.Region(name: name, content: content, algorithm: algorithm, hash: hash)
                    pieces.append(.region(region, edited: region.isEdited))
                    index = end + 1
                    continue
                }
                buffer += line + "\n"
                index += 1
            }
            flush()
        }

        /// The name, hash algorithm and hash of a begin marker line.
        static func begin(_ line: Substring) -> (String, DocumentRegions.HashAlgorithm, String)? {
            guard DocumentRegions.isMarker(line, prefix: DocumentRegions.beginPrefix) else { return nil }
            let fields = line.dropFirst(DocumentRegions.beginPrefix.count).dropLast(DocumentRegions.suffix.count)
                .utf8.split(separator: UInt8(ascii: " ")).map(Substring.init)
            guard fields.count == 3, let algorithm = DocumentRegions.HashAlgorithm(rawValue: String(fields[1])) else { return nil }
            return (String(fields[0]), algorithm, String(fields[2]))
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
        let top = header.line + "\n\n"
        guard let stored, stored.contains(where: { !$0.isWhitespace }) else {
            var text = top
            text.reserveCapacity(top.utf8.count + regions.reduce(0) { $0 + DocumentRegions.markedCount($1) })
            for region in regions { DocumentRegions.appendMarked(region, to: &text) }
            return Result(text: text, conflicts: [])
        }
        let parsed = Stored(stored)
        guard parsed.isGenerated else {
            var text = top + regions.map { DocumentRegions.marked($0) }.joined() + earlierHeading() + stored
            if !text.hasSuffix("\n") { text += "\n" }
            return Result(text: text, conflicts: [])
        }

        let new = Dictionary(regions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var placed: [(name: String?, text: String)] = []
        var conflicts: [String] = []
        for piece in parsed.pieces {
            switch piece {
            case .text(let text):
                placed.append((nil, text))
            case .region(let old, let edited):
                let alreadyPlaced = placed.contains { $0.name == old.name }
                if edited {
                    placed.append((alreadyPlaced ? nil : old.name, DocumentRegions.marked(old)))
                    if !alreadyPlaced, let fresh = new[old.name], old.differs(from: fresh) { conflicts.append(old.name) }
                } else if let fresh = new[old.name], !alreadyPlaced {
                    placed.append((old.name, DocumentRegions.marked(fresh)))
                }
            }
        }
        // Regions the templates produce now but did not last time go after their predecessor.
        let produced = Set(parsed.header?.regions ?? parsed.pieces.compactMap {
            if case .region(let region, _) = $0 { region.name } else { nil }
        })
        for (index, region) in regions.enumerated() where !produced.contains(region.name) {
            let predecessors = Set(regions[..<index].map(\.name))
            let position = placed.lastIndex { $0.name.map(predecessors.contains) == true }.map { $0 + 1 } ?? 0
            placed.insert((region.name, DocumentRegions.marked(region)), at: position)
        }
        return Result(text: top + placed.map(\.text).joined(), conflicts: conflicts)
    }
}
