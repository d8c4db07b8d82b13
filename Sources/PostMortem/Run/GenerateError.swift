/// A run that cannot go on, other than a database failure (``PostgresError``).
public enum GenerateError: Error, Equatable, CustomStringConvertible {
    case invalidIncidentID(String)
    case incidentNotFound(String)
    case outputDirectory(String, String)

    public var description: String {
        switch self {
        case .invalidIncidentID(let id):
            "'\(id)' is not an incident id: expected a UUID such as 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b."
        case .incidentNotFound(let id):
            "No incident has the id \(id). Check the id, and that the tool is pointed at the right database."
        case .outputDirectory(let path, let reason):
            "Cannot create the output folder \(path): \(reason)."
        }
    }
}
