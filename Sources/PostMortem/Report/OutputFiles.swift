import Foundation

/// Names and writes the files `--output` produces.
public enum OutputFiles {
    /// `<yyyy-mm-dd>-<slug>-<first 8 of id>`: the detection date, the title's slug, the id's start.
    public static func baseName(for incident: Incident) -> String {
        "\(incident.createdAt.utcDate)-\(slug(incident.title))-\(incident.id.prefix(8))"
    }

    /// Lower-case ASCII letters and digits from `title`, other runs as one `-`, at most 60 characters.
    static func slug(_ title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if slug.count >= 60 { break }
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "incident" : slug
    }

    /// Writes `text` to `url` atomically: a temporary file in the same folder, then a rename.
    public static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
