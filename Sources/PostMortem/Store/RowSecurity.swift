/// What row-level security lets the connected role do with Sentinel's two tables.
///
/// Where row-level security is enabled on a table, a role without BYPASSRLS that does not own
/// it (or owns it under FORCE ROW LEVEL SECURITY) sees only the rows a permissive policy for
/// it (or for PUBLIC, or a role it inherits) allows, and without one sees none, with no error
/// at all: a run would report "nothing to do" for ever. Sentinel's schema v2 enables it on
/// `incidents` with a policy for the dashboard's users only. ``check(writing:)`` turns that
/// silence into an error before anything is claimed.
struct RowSecurity: Equatable {
    /// One table as the role meets it.
    struct Table: Equatable {
        var name: String
        /// Whether the role's rows are filtered by policies at all.
        var filtered: Bool
        /// Whether a permissive policy for SELECT applies to the role.
        var canRead: Bool
        /// Whether the role reads every row all the same: a permissive SELECT policy for it
        /// whose condition is `true`, and no restrictive one.
        var readsAll: Bool
        /// Whether a permissive policy for UPDATE applies to the role.
        var canUpdate: Bool
    }

    /// The role the connection acts as (`current_user`).
    var role: String
    var incidents: Table
    var events: Table

    /// Whether `incidents` rows may be hidden by policies (filtered, though readable): an id
    /// that is not found may still exist.
    var mayHideIncidents: Bool { incidents.filtered && !incidents.readsAll }

    /// Why a requested incident id was not found, for a run's summary.
    var notFoundReason: String {
        mayHideIncidents
            ? "not visible to the database role '\(role)': no such incident, or row-level security hides it"
            : "no incident has this id"
    }

    /// Reads the tables' row-level security settings and the policies that apply to the role.
    static func read(_ connection: PostgresConnection) throws(PostgresError) -> RowSecurity {
        let rows = try connection.query(
            """
            WITH applies AS (
                SELECT p.polrelid, p.polcmd, p.polpermissive,
                       coalesce(pg_get_expr(p.polqual, p.polrelid), 'true') = 'true' AS unconditional
                FROM pg_policy p
                WHERE EXISTS (
                    SELECT FROM unnest(p.polroles) AS r(oid)
                    WHERE CASE WHEN r.oid = 0 THEN true ELSE pg_has_role(r.oid, 'USAGE') END))
            SELECT current_user::text, c.relname::text,
                   c.relrowsecurity AND NOT (u.rolsuper OR u.rolbypassrls
                       OR (NOT c.relforcerowsecurity AND pg_has_role(c.relowner, 'USAGE'))),
                   EXISTS (SELECT FROM applies a WHERE a.polrelid = c.oid AND a.polpermissive AND a.polcmd IN ('r', '*')),
                   EXISTS (SELECT FROM applies a WHERE a.polrelid = c.oid AND a.polpermissive AND a.polcmd IN ('w', '*')),
                   EXISTS (SELECT FROM applies a WHERE a.polrelid = c.oid AND a.polpermissive AND a.polcmd IN ('r', '*')
                           AND a.unconditional)
                   AND NOT EXISTS (SELECT FROM applies a WHERE a.polrelid = c.oid AND NOT a.polpermissive
                                   AND a.polcmd IN ('r', '*'))
            FROM pg_class c JOIN pg_roles u ON u.rolname = current_user
            WHERE c.oid IN (to_regclass('incidents'), to_regclass('incident_events'))
            """, action: "Checking row-level security"
        ).rows
        var tables: [String: Table] = [:]
        var role = ""
        for row in rows {
            guard let name = row[1] else { continue }
            role = row[0] ?? role
            tables[name] = Table(
                name: name, filtered: row[2] == "t", canRead: row[3] == "t", readsAll: row[5] == "t", canUpdate: row[4] == "t")
        }
        func table(_ name: String) -> Table {
            tables[name] ?? Table(name: name, filtered: false, canRead: true, readsAll: true, canUpdate: true)
        }
        return RowSecurity(role: role, incidents: table("incidents"), events: table("incident_events"))
    }

    /// Throws when policies hide every row the run needs: incidents or their events from a
    /// run that reads, or every incident from a run that also writes.
    ///
    /// - Parameter requested: the incident ids the run asked for, named in the message.
    func check(writing: Bool, requested: [String] = []) throws(RowSecurityError) {
        for table in [incidents, events] where table.filtered && !table.canRead {
            throw RowSecurityError(role: role, table: table.name, operation: .read, requested: requested)
        }
        if writing, incidents.filtered, !incidents.canUpdate {
            throw RowSecurityError(role: role, table: incidents.name, operation: .update, requested: requested)
        }
    }
}
