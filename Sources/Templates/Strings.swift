import Foundation

/// Every word sentinel-report writes outside the templates, in one locale: section headings,
/// metric labels, chart names, cut markers, and the chrome of pages and indexes.
///
/// Read from a locale folder's `strings.json`, one object of tables of texts. A folder may give
/// only some texts: each is looked up in the folder, then in the built-in set of the same locale,
/// then in English. `{count}` and `{title}` in a text stand for the number or title filled in.
public struct Strings: Sendable, Equatable, Codable {
    /// The locale these strings are in (the name of their folder), as a page's `lang`.
    public internal(set) var locale = TemplateSet.baseLocale
    /// Each section's `##` heading, by section id (see ``DocumentLayout``).
    public var sections: [String: String]
    /// Each incident status's name, by the status as stored (`awaiting_approval`).
    public var statuses: [String: String]
    /// Each severity's name, by the severity as stored (`critical`).
    public var severities: [String: String]
    /// Each incident source's name, by `source_type` as stored (`container`, `database`, `manual`).
    public var sources: [String: String]
    /// What each column a time can come from is, for readers (`created_at` → the incident's
    /// detection time), by column name.
    public var columns: [String: String]
    public var numbers: Numbers
    public var impact: Impact
    public var review: Review
    /// The unit after each number of a duration (`3m 07s`).
    public var durationUnits: DurationUnits
    /// Each known metric's label, by its key in Sentinel's metrics snapshot.
    public var metrics: [String: String]
    /// Each metric unit as written after a value, by its symbol (`MB`, `KiB/s`, `%`, `s`).
    public var units: [String: String]
    public var snapshot: Snapshot
    public var phases: Phases
    public var cuts: Cuts
    public var page: Page
    public var index: Index

    /// Words of the impact section that the tool also reads back.
    public struct Impact: Sendable, Equatable, Codable {
        /// The first cell of the row where a person writes when the impact started: the next
        /// run reads the time from it, to compute the time to detect.
        public var startLabel: String
    }

    /// Words of the review table that the tool also reads back.
    public struct Review: Sendable, Equatable, Codable {
        /// The first cell of the row where people set the review's status.
        public var statusLabel: String
        /// The status generated documents start with; any other value is shown as people set it.
        public var draft: String
    }

    /// How numbers are written.
    public struct Numbers: Sendable, Equatable, Codable {
        /// Between a number's whole part and its fraction: `.` in English, `,` in Spanish.
        public var decimalMark: String
    }

    /// `literal`, a JSON number such as `99.2`, with the locale's decimal mark.
    public func number(_ literal: String) -> String {
        numbers.decimalMark == "." ? literal : literal.replacingOccurrences(of: ".", with: numbers.decimalMark)
    }

    /// The units of a duration, written right after each number.
    public struct DurationUnits: Sendable, Equatable, Codable {
        public var days: String
        public var hours: String
        public var minutes: String
        public var seconds: String
    }

    /// What stands in the metrics table for a snapshot shown as one row.
    public struct Snapshot: Sendable, Equatable, Codable {
        /// A snapshot whose text is not valid JSON.
        public var notJSON: String
        /// A snapshot that is one value, neither an object nor an array.
        public var value: String
    }

    /// The names of an incident's phases in the HTML page's chart.
    public struct Phases: Sendable, Equatable, Codable {
        public var detection: String
        public var triage: String
        public var decision: String
        public var execution: String
        public var verification: String
    }

    /// The marks left where a long generated part is cut to fit the document's limit.
    public struct Cuts: Sendable, Equatable, Codable {
        /// Appended to a log line cut short: `{count}` characters were left out.
        public var lineEnd: String
        /// The line standing for `{count}` characters left out of a command's output.
        public var middle: String
    }

    /// The HTML page of one post-mortem, around the document.
    public struct Page: Sendable, Equatable, Codable {
        /// The page's title; `{title}` is the incident's.
        public var title: String
        public var incident: String
        public var updated: String
        public var templates: String
        public var writtenBy: String
        public var notGenerated: String
        public var phasesTitle: String
        public var phasesCaption: String
        public var percentagesTitle: String
        public var percentagesCaption: String
    }

    /// The index of an export.
    public struct Index: Sendable, Equatable, Codable {
        public var title: String
        public var empty: String
        public var detected: String
        public var incidentTitle: String
        public var severity: String
        public var target: String
        public var timeToResolve: String
    }

    private enum CodingKeys: String, CodingKey {
        case sections, statuses, severities, sources, columns, impact, review, numbers, durationUnits, metrics, units, snapshot, phases,
            cuts, page,
            index
    }

    /// The file a locale folder holds its strings in.
    public static let fileName = "strings.json"

    /// The name of a status as stored; the stored text itself for one the strings do not name.
    public func name(ofStatus status: String) -> String {
        statuses[status] ?? status
    }

    /// The name of a severity as stored; the stored text itself for one the strings do not name.
    public func name(ofSeverity severity: String) -> String {
        severities[severity] ?? severity
    }

    /// What a column a time comes from is, for readers; the column's name for one the strings
    /// do not describe.
    public func name(ofColumn column: String) -> String {
        columns[column] ?? column
    }

    /// `text` with `{count}` replaced by `count`.
    public static func filling(_ text: String, count: Int) -> String {
        text.replacingOccurrences(of: "{count}", with: String(count))
    }

    /// One `strings.json` as tables of texts: what ``merged(_:)`` layers.
    public typealias Tables = [String: [String: String]]

    /// Reads the tables of one `strings.json`; `file` names it in errors.
    static func tables(from text: String, file: String) throws(TemplateError) -> Tables {
        do {
            return try JSONDecoder().decode(Tables.self, from: Data(text.utf8))
        } catch {
            throw .strings(
                file: file, reason: "it must be one JSON object of objects of texts, such as {\"sections\": {\"notes\": \"Notes\"}}")
        }
    }

    /// The strings of `layers`, later layers overriding single texts of earlier ones.
    static func merged(_ layers: [(tables: Tables, file: String)], locale: String) throws(TemplateError) -> Strings {
        var merged: Tables = [:]
        for layer in layers {
            for (table, texts) in layer.tables {
                merged[table, default: [:]].merge(texts) { _, new in new }
            }
        }
        do {
            var strings = try JSONDecoder().decode(Strings.self, from: JSONEncoder().encode(merged))
            strings.locale = locale
            return strings
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw .strings(file: layers.last?.file ?? fileName, reason: "the text \(path) is missing")
        } catch {
            throw .strings(file: layers.last?.file ?? fileName, reason: "it does not read as tables of texts")
        }
    }

    /// The strings as a `strings.json` a person edits: tables and texts in a stable order.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
