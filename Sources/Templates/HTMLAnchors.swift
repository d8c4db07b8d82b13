/// Gives every heading of an HTML fragment an `id`, so wiki readers can link to a section.
enum HTMLAnchors {
    /// `fragment` with `<hN>` opening tags turned into `<hN id="slug">`; slugs are unique.
    ///
    /// The slug is built from the heading's text (tags dropped): lower-case letters and digits
    /// joined by `-`, with `-2`, `-3`… for repeats. Only cmark-gfm's own `<hN>` tags are
    /// rewritten: raw HTML never reaches the fragment.
    static func add(to fragment: String) -> String {
        var output = ""
        output.reserveCapacity(fragment.utf8.count + 256)
        var used: Set<String> = []
        var rest = fragment[...]
        while let open = rest.range(of: "<h") {
            output += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let level = after.first, ("1"..."6").contains(level), after.dropFirst().first == ">",
                let close = after.range(of: "</h\(level)>")
            else {
                output += "<h"
                rest = after
                continue
            }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound]
            var slug = slug(of: inner)
            if used.contains(slug) {
                var number = 2
                while used.contains("\(slug)-\(number)") { number += 1 }
                slug = "\(slug)-\(number)"
            }
            used.insert(slug)
            output += "<h\(level) id=\"\(slug)\">\(inner)</h\(level)>"
            rest = after[close.upperBound...]
        }
        output += rest
        return output
    }

    private static func slug(of html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII || character.isLetter {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }
}
