import Templates
import Testing
import TestSupport
@testable import PostMortem

struct ChartsTests {
    @Test func measuresEachPhaseFromTheTimeline() {
        let phases = Charts.phases(Timeline(incident: Lifecycle.approvedFix.incident), names: Strings.builtIn("en").phases)
        #expect(phases.map(\.name) == ["Detection", "Triage", "Waiting for a decision", "Execution", "Verification"])
        #expect(phases.map(\.span.text) == ["12s", "3m 18s", "17m 24s", "18s", "8m 12s"])
        #expect(
            Charts.phases(Timeline(incident: Lifecycle.approvedFix.incident), names: Strings.builtIn("es").phases).first?.name
                == "Detección")
    }

    @Test func leavesOutPhasesTheTimelineDoesNotRecord() {
        let phases = Charts.phases(Timeline(incident: Lifecycle.alertmanagerWithEvent.incident), names: Strings.builtIn("en").phases)
        #expect(phases.map(\.name) == ["Detection", "Triage"])
        #expect(Charts.phaseBar([], title: "x") == nil)
    }

    @Test func drawsProportionalSegmentsWithEscapedLabels() throws {
        let phases = [
            Charts.Phase(name: "A <b>", span: Span(microseconds: 60_000_000)),
            Charts.Phase(name: "B", span: Span(microseconds: 180_000_000)),
        ]
        let svg = try #require(Charts.phaseBar(phases, title: "T & <t>"))
        #expect(svg.contains("<rect x=\"0\" y=\"8\" width=\"180\" height=\"24\""))
        #expect(svg.contains("<rect x=\"180\" y=\"8\" width=\"540\" height=\"24\""))
        #expect(svg.contains("A &lt;b&gt;: 1m 00s"))
        #expect(svg.contains("<title>T &amp; &lt;t&gt;</title>"))
        #expect(!svg.contains("<b>"))
    }

    @Test func barsPercentagesWithTheNinetyLine() throws {
        var incident = Lifecycle.approvedFix.incident
        incident.metricsSnapshot = try JSONValue(
            parsing: #"{"type": "container", "mem_percent": 50, "cpu_percent": 250.5, "restarts_1h": 3}"#)
        let svg = try #require(Charts.metricBars(MetricsReport(incident: incident, labels: Strings.builtIn("en").metrics), title: "P"))
        #expect(svg.contains(">Memory, share of limit</text>"))
        #expect(svg.contains("width=\"210\" height=\"18\" fill=\"#0969da\""))  // 50 % of 420
        #expect(svg.contains("width=\"420\" height=\"18\" fill=\"#cf222e\""))  // capped, flagged
        #expect(svg.contains(">250.5 %</text>"))
        #expect(svg.contains("<line x1=\"618\""))  // 240 + 0.9 × 420
        #expect(!svg.contains("Restarts"))
    }
}
