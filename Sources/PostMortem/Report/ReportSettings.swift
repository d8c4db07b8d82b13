import Templates

/// How documents are written, beyond the templates themselves.
public struct ReportSettings: Sendable {
    /// The words of the template set's locale, for what is written outside templates.
    public var strings: Strings
    /// The template set's locale.
    public var locale: String { strings.locale }
    /// A link to the incident in the dashboard, with `{id}` where the id goes.
    public var incidentURL: String?
    /// How many of the last log lines a document shows.
    public var logLines = LogExcerpt.defaultLineCount
    /// The most characters (Unicode scalars, as Sentinel's dashboard counts them) a document
    /// may have: its longest generated parts are cut to stay under it (see ``DocumentFit``).
    /// `nil` for no limit.
    public var maxCharacters: Int? = Self.defaultMaxCharacters

    /// Far under the 100,000 the dashboard can save, so that a person has room to write.
    public static let defaultMaxCharacters = 60_000

    public init(strings: Strings) {
        self.strings = strings
    }

    /// The incident's link as a markdown link destination, or `nil` without ``incidentURL``.
    ///
    /// Characters that could end the destination or break the line are percent-encoded.
    func link(for id: String) -> String? {
        guard let incidentURL else { return nil }
        let url = incidentURL.replacingOccurrences(of: "{id}", with: id)
        var encoded = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ", "<", ">", "(", ")", "\"", "`", "\\", "|", "[", "]":
                encoded += "%" + String(scalar.value, radix: 16, uppercase: true)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                continue
            default:
                encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }
}
