import ArgumentParser
import PostMortem

extension IncidentID {
    /// Parses an id on the command line; a usage error (exit 64) says what an id looks like.
    static func argument(_ text: String) throws -> IncidentID {
        do {
            return try IncidentID(text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
