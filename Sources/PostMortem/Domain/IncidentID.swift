/// Validation of incident ids given on the command line.
public enum IncidentID {
    /// The id in canonical lower-case form, or an error when it is not a UUID.
    public static func validated(_ text: String) throws(GenerateError) -> String {
        let lower = text.lowercased()
        let groups = lower.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy { $0.isHexDigit && $0.isASCII } })
        else { throw .invalidIncidentID(text) }
        return lower
    }
}
