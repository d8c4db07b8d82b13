/// A PostgreSQL error code (SQLSTATE), with names for the codes the tool acts on.
public struct SQLState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The role lacks a privilege (a grant, or TEMP for the look-alike table).
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    /// A table the statement names does not exist.
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// A column the statement names does not exist.
    public static let undefinedColumn = SQLState(rawValue: "42703")
    /// The statement was cancelled, by `statement_timeout` among others.
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// A write in a read-only transaction or on a read-only server.
    public static let readOnlySQLTransaction = SQLState(rawValue: "25006")
    /// The object is in use (a database being dropped while sessions are connected).
    public static let objectInUse = SQLState(rawValue: "55006")

    public var description: String { rawValue }
}
