/// The SQL that finds each incident's earlier look-alikes (see ``Recurrence``), for the ways of
/// being alike an install's columns allow: the same fingerprint, the same target and incident
/// type (both from migration 0002), either, or neither.
///
/// Two ways to the same rows, each giving per look-alike: the incident's id, its total, then the
/// look-alike's id, title, severity, created_at and resolved_at, in no particular order:
/// - ``pairsQuery``: joins a batch against the whole table once per way of being alike and
///   ranks the pairs. Each batch pays for a pass over the table and for every pair, and
///   every incident may have hundreds of look-alikes in its 90 days.
/// - ``createTable``: once per connection, every resolved incident's total and latest look-alikes
///   in a temporary table, computed in a few sorted passes with window functions; ``tableQuery``
///   then reads a batch from it, and uses the pairs only for incidents the table does not hold
///   (resolved after it was built).
struct RecurrenceWays: Equatable {
    let fingerprint: Bool
    let incidentType: Bool
    let resolvedAt: Bool

    /// The temporary table ``createTable`` makes; it lives as long as the connection.
    static let table = "sentinel_report_lookalikes"

    /// Whether incidents can be alike at all.
    var isEmpty: Bool { !fingerprint && !incidentType }

    /// One way of being alike: the columns that must be set and equal.
    private struct Way {
        var name: String
        var columns: [String]

        func equal(_ a: String, _ b: String) -> String {
            columns.map { "\(a).\($0) = \(b).\($0)" }.joined(separator: " AND ")
        }

        func isSet(_ alias: String? = nil) -> String {
            columns.map { "\(alias.map { "\($0)." } ?? "")\($0) IS NOT NULL" }.joined(separator: " AND ")
        }
    }

    private var ways: [Way] {
        (fingerprint ? [Way(name: "fp", columns: ["fingerprint"])] : [])
            + (incidentType ? [Way(name: "kind", columns: ["target", "incident_type"])] : [])
    }

    /// The columns the ways compare.
    private var keyColumns: [String] { ways.flatMap(\.columns) }

    private static let days = "interval '\(Recurrence.windowDays) days'"

    /// The look-alikes of the incidents whose ids are in `$1` (uuid[]), by joining pairs.
    var pairsQuery: String {
        "WITH " + pairs(subjects: "id = ANY($1::uuid[])") + "\n" + rankedSelect
    }

    /// The look-alikes of the incidents whose ids are in `$1`: from ``table`` for those it holds,
    /// by joining pairs for the rest.
    var tableQuery: String {
        """
        WITH known AS MATERIALIZED (
            SELECT id, total, latest FROM pg_temp.\(Self.table) WHERE id = ANY($1::uuid[])
        ), \(pairs(subjects: "id = ANY($1::uuid[]) AND id NOT IN (SELECT id FROM known)"))
        \(rankedSelect)
        UNION ALL
        SELECT k.id::text, k.total::text, \(Self.pastColumns(resolvedAt: resolvedAt))
        FROM known k CROSS JOIN LATERAL unnest(k.latest) AS l(id) JOIN incidents p ON p.id = l.id
        """
    }

    private static func pastColumns(resolvedAt: Bool) -> String {
        "p.id::text, p.title, p.severity, extract(epoch from p.created_at)::text, "
            + (resolvedAt ? "extract(epoch from p.resolved_at)::text" : "NULL")
    }

    /// The `subjects`, `pairs` and `ranked` common table expressions: one hash join per way of
    /// being alike, each match counted once (a later way leaves out what an earlier one found).
    private func pairs(subjects filter: String) -> String {
        let window = "p.id <> b.id AND p.created_at < b.created_at AND p.created_at >= b.created_at - \(Self.days)"
        var found: [String] = []
        let joins = ways.map { way in
            let equal = way.equal("p", "b")
            let new = found.map { " AND (\($0)) IS NOT TRUE" }.joined()
            found.append(equal)
            return "SELECT b.id AS subject, p.id, p.created_at FROM subjects b JOIN incidents p ON \(equal)\n    WHERE \(window)\(new)"
        }
        let pairs =
            joins.isEmpty
            ? "SELECT b.id AS subject, b.id, b.created_at FROM subjects b WHERE false" : joins.joined(separator: "\nUNION ALL\n")
        return """
            subjects AS MATERIALIZED (
                SELECT \((["id", "created_at"] + keyColumns).joined(separator: ", ")) FROM incidents WHERE \(filter)
            ), pairs AS (
            \(pairs)
            ), ranked AS (
                SELECT subject, id, count(*) OVER (PARTITION BY subject) AS total,
                       row_number() OVER (PARTITION BY subject ORDER BY created_at DESC, id) AS rank
                FROM pairs
            )
            """
    }

    private var rankedSelect: String {
        """
        SELECT r.subject::text, r.total::text, \(Self.pastColumns(resolvedAt: resolvedAt))
        FROM ranked r JOIN incidents p ON p.id = r.id
        WHERE r.rank <= \(Recurrence.listed)
        """
    }

    /// Creates ``table``: each resolved incident's id, its number of look-alikes and the ids of
    /// the latest ``Recurrence/listed``, newest first.
    ///
    /// Counting needs no pairs: per way, the rows of the same key within the 90 days up to and
    /// including the incident's time, less those at exactly its time (a moving frame, which
    /// PostgreSQL keeps in one pass); an incident alike both ways is counted once by taking off
    /// the rows equal in all columns. The latest per way are the rows just before the first one
    /// at the incident's time, in (created_at, id descending) order, so that going back meets them
    /// in the order the report lists them (newest first, then by id); the first of both ways'
    /// candidates in that order win.
    var createTable: String {
        let frame = "ORDER BY created_at RANGE BETWEEN \(Self.days) PRECEDING AND CURRENT ROW"
        func within(_ way: Way) -> String {
            let columns = way.columns.joined(separator: ", ")
            return "CASE WHEN \(way.isSet()) THEN count(*) OVER (PARTITION BY \(columns) \(frame)) "
                + "- count(*) OVER (PARTITION BY \(columns), created_at) ELSE 0 END"
        }
        var total = ways.map(within).joined(separator: "\n        + ")
        if ways.count == 2 {
            total += "\n        - " + within(Way(name: "both", columns: keyColumns))
        }
        let orders = ways.map { "\($0.name)_order AS (PARTITION BY \($0.columns.joined(separator: ", ")) ORDER BY created_at, id DESC)" }
        let times = ways.map { "\($0.name)_time AS (PARTITION BY \($0.columns.joined(separator: ", ")) ORDER BY created_at)" }
        let peers = ways.map { "row_number() OVER \($0.name)_order - rank() OVER \($0.name)_time AS \($0.name)_peers" }
        let range = 1...Recurrence.listed
        let lags = ways.flatMap { way in
            range.map { n in
                "lag(id, \(way.name)_peers::int + \(n)) OVER \(way.name)_order AS \(way.name)_id\(n), "
                    + "lag(created_at, \(way.name)_peers::int + \(n)) OVER \(way.name)_order AS \(way.name)_at\(n)"
            }
        }
        let candidates = ways.flatMap { way in
            range.map { n in "(CASE WHEN \(way.isSet("b")) THEN b.\(way.name)_id\(n) END, b.\(way.name)_at\(n))" }
        }
        return """
            CREATE TEMP TABLE \(Self.table) ON COMMIT PRESERVE ROWS AS
            WITH counted AS (
                SELECT \((["id", "status", "created_at"] + keyColumns).joined(separator: ", ")),
                    \(total) AS total,
                    \(peers.joined(separator: ",\n        "))
                FROM incidents
                WINDOW \((orders + times).joined(separator: ", "))
            ), previous AS (
                SELECT *, \(lags.joined(separator: ",\n        "))
                FROM counted
                WINDOW \(orders.joined(separator: ", "))
            )
            SELECT b.id, b.total, ARRAY(
                SELECT DISTINCT ON (c.at, c.id) c.id FROM (VALUES \(candidates.joined(separator: ", "))) AS c(id, at)
                WHERE c.id IS NOT NULL AND c.at >= b.created_at - \(Self.days)
                ORDER BY c.at DESC, c.id LIMIT \(Recurrence.listed)) AS latest
            FROM previous b WHERE b.status = 'resolved'
            """
    }
}
