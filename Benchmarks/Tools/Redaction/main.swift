import Foundation
import PostMortem
import Synthetic

// The whole redactor, every built-in rule on, over typical log text in pieces of 200 KB (what a
// long incident carries), on one core: megabytes a second, at best and at the median of the
// rounds. Usage: Redaction [MEGABYTES] [ROUNDS]

let arguments = CommandLine.arguments.dropFirst()
let megabytes = arguments.first.flatMap { Int($0) } ?? 32
let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
let corpus = SyntheticLogs.text(bytes: megabytes << 20)
var pieces: [String] = []
var lines: [Substring] = []
var size = 0
for line in corpus.split(separator: "\n", omittingEmptySubsequences: false) {
    lines.append(line)
    size += line.utf8.count + 1
    if size >= 200 << 10 {
        pieces.append(lines.joined(separator: "\n"))
        lines = []
        size = 0
    }
}
if !lines.isEmpty { pieces.append(lines.joined(separator: "\n")) }
let total = Double(pieces.reduce(0) { $0 + $1.utf8.count }) / 1_048_576

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

var rates: [Double] = []
var counts = Redactor.Counts()
for round in 0..<rounds {
    var roundCounts = Redactor.Counts()
    let start = DispatchTime.now().uptimeNanoseconds
    for piece in pieces { blackHole(Redactor.standard.redact(piece, counts: &roundCounts)) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rates.append(total / seconds)
    if round == 0 { counts = roundCounts }
}
rates.sort()
print(
    String(
        format: "redaction: %.0f MB/s at best, %.0f at the median of %d rounds over %.0f MB of log text", rates.last ?? 0,
        rates[rates.count / 2], rounds, total))
print("matches per round: " + counts.byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
