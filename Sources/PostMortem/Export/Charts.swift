import Templates

/// Inline SVG pictures of an incident, drawn from its facts; every label is escaped.
public enum Charts {
    /// One phase of an incident, between two timeline entries.
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var span: Span
    }

    /// The phases the timeline records, in order: detection (detected → investigating), triage
    /// (investigating → analyzed), waiting for a decision (awaiting_approval → executing or
    /// failed), execution (executing_solution → verifying) and verification (verifying →
    /// resolved). A phase with a missing or reversed endpoint is left out.
    public static func phases(_ timeline: Timeline, names: Strings.Phases) -> [Phase] {
        let bounds: [(String, IncidentStatus, [IncidentStatus])] = [
            (names.detection, .detected, [.investigating]), (names.triage, .investigating, [.analyzed]),
            (names.decision, .awaitingApproval, [.executingSolution, .failed]),
            (names.execution, .executingSolution, [.verifying, .failed]), (names.verification, .verifying, [.resolved, .failed]),
        ]
        return bounds.compactMap { name, from, to in
            guard let start = timeline.first(from) else { return nil }
            let ends = to.compactMap { timeline.first($0, from: start.time) }
            guard let end = ends.min(by: { $0.time < $1.time }) else { return nil }
            let span = start.time.duration(to: end.time)
            guard !span.isNegative else { return nil }
            return Phase(name: name, span: span)
        }
    }

    static let phaseColours = ["#6e7781", "#0969da", "#bf8700", "#8250df", "#1a7f37"]

    /// A proportional bar of the phases, each labelled with its name and duration; `nil` without phases.
    public static func phaseBar(_ phases: [Phase], title: String, units: Span.Units = Span.Units()) -> String? {
        let total = phases.reduce(Int64(0)) { $0 + $1.span.microseconds }
        guard !phases.isEmpty, total > 0 else { return nil }
        let width = 720.0
        let minimum = 4.0
        var x = 0.0
        var bars = ""
        var labels = ""
        for (index, phase) in phases.enumerated() {
            let share = max(minimum, width * Double(phase.span.microseconds) / Double(total))
            let colour = phaseColours[index % phaseColours.count]
            let label = HTMLPage.escape("\(phase.name): \(phase.span.text(in: units))")
            bars +=
                "<rect x=\"\(format(x))\" y=\"8\" width=\"\(format(share))\" height=\"24\" fill=\"\(colour)\"><title>\(label)</title></rect>"
            labels +=
                "<rect x=\"0\" y=\"\(44 + index * 18)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
                + "<text x=\"16\" y=\"\(53 + index * 18)\">\(label)</text>"
            x += share
        }
        let height = 48 + phases.count * 18
        return svg(width: width + 4, height: height, title: title, body: bars + labels)
    }

    /// Horizontal bars for the snapshot's percentages, on a 0–100 % scale with the 90 % line;
    /// `nil` when it has none. Values over 100 (CPU of several cores) fill the bar and say so.
    public static func metricBars(_ metrics: MetricsReport?, title: String) -> String? {
        let rows = (metrics?.rows ?? []).compactMap { row -> (String, Double, String)? in
            guard row.bar != nil, let value = Double(row.value) else { return nil }
            return (row.label ?? row.path, value, row.value)
        }
        guard !rows.isEmpty else { return nil }
        let labelWidth = 240.0
        let barWidth = 420.0
        var body = ""
        for (index, row) in rows.enumerated() {
            let y = 8 + index * 26
            let filled = barWidth * min(100, max(0, row.1)) / 100
            let colour = row.1 >= MetricCatalog.threshold ? "#cf222e" : "#0969da"
            body +=
                "<text x=\"0\" y=\"\(y + 14)\">\(HTMLPage.escape(row.0))</text>"
                + "<rect x=\"\(format(labelWidth))\" y=\"\(y)\" width=\"\(format(barWidth))\" height=\"18\" fill=\"#eaeef2\"/>"
                + "<rect x=\"\(format(labelWidth))\" y=\"\(y)\" width=\"\(format(filled))\" height=\"18\" fill=\"\(colour)\"/>"
                + "<text x=\"\(format(labelWidth + barWidth + 8))\" y=\"\(y + 14)\">\(HTMLPage.escape(row.2)) %</text>"
        }
        let line = labelWidth + barWidth * MetricCatalog.threshold / 100
        let height = 16 + rows.count * 26
        body +=
            "<line x1=\"\(format(line))\" y1=\"2\" x2=\"\(format(line))\" y2=\"\(height - 4)\" stroke=\"#1f2328\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
            + "<text x=\"\(format(line + 3))\" y=\"\(height - 2)\" fill=\"#1f2328\">90 %</text>"
        return svg(width: labelWidth + barWidth + 80, height: height + 4, title: title, body: body)
    }

    private static func svg(width: Double, height: Int, title: String, body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(format(width))\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(format(width)) \(height)\"><title>\(HTMLPage.escape(title))</title>\(body)</svg>"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
