import Foundation

/// What Sentinel's `action_error` column holds: a decision's note (`[RECHAZADO] …` when the
/// action was rejected, `[POSPUESTO] …` when postponed), the recovery sweep's note
/// (`[RECOVERY] …`), or the error output of the command that ran. Read in one place.
public enum ActionError: Sendable, Equatable {
    case rejected(note: String?)
    case postponed(note: String?)
    case recoverySweep(note: String?)
    case commandError(String)

    /// The column's meaning; `nil` when it is NULL or blank.
    public init?(_ text: String?) {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        func note(after prefix: String) -> String? {
            let note = text.dropFirst(prefix.count).trimmingCharacters(in: .whitespacesAndNewlines)
            return note.isEmpty ? nil : note
        }
        self =
            if text.hasPrefix(Self.rejectedPrefix) {
                .rejected(note: note(after: Self.rejectedPrefix))
            } else if text.hasPrefix(Self.postponedPrefix) {
                .postponed(note: note(after: Self.postponedPrefix))
            } else if text.hasPrefix(Self.recoveryPrefix) { .recoverySweep(note: note(after: Self.recoveryPrefix)) } else {
                .commandError(text)
            }
    }

    private static let rejectedPrefix = "[RECHAZADO]"
    private static let postponedPrefix = "[POSPUESTO]"
    private static let recoveryPrefix = "[RECOVERY]"
}
