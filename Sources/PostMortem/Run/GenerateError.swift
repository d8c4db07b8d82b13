/// A run that cannot go on, other than a database failure (``PostgresError``).
public enum GenerateError: Error, Equatable, CustomStringConvertible {
    case invalidIncidentID(String)
    case incidentNotFound(String)
    /// Not found by a role whose rows row-level security filters: it may exist, hidden.
    case incidentNotVisible(String, role: String)
    case outputDirectory(String, String)

    public var description: String {
        switch self {
        case .invalidIncidentID(let id):
            "'\(id)' is not an incident id: expected a UUID such as 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b."
        case .incidentNotFound(let id):
            "No incident has the id \(id). Check the id, and that the tool is pointed at the right database."
        case .incidentNotVisible(let id, let role):
            "No incident with the id \(id) is visible to the database role '\(role)': row-level security is enabled on "
                + "incidents and filters this role's rows, so it may exist and be hidden. Check the id, and the "
                + "role's policies (db/least-privilege.sql adds the ones sentinel-report needs)."
        case .outputDirectory(let path, let reason):
            "Cannot create the output folder \(path): \(reason)."
        }
    }
}
