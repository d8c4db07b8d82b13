import Foundation
import Logging
import PostMortem

/// Shows how a run is going: a live line on a terminal, plain log lines otherwise.
///
/// On a terminal, stderr gets one line rewritten in place (done / total, rate, time left); for
/// cron and pipes, swift-log writes one plain line per batch at `info`, without control characters.
struct ProgressReporter {
    let isTerminal = isatty(STDERR_FILENO) == 1
    let logger: Logger

    /// Logs at `logLevel`, by default `info` for cron and pipes and `warning` beside the live line.
    init(logLevel: Logger.Level?) {
        var logger = Logger(label: "sentinel-report") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel ?? (isatty(STDERR_FILENO) == 1 ? .warning : .info)
        self.logger = logger
    }

    func report(_ progress: PostMortemGenerator.Progress) {
        guard isTerminal else { return }
        let rate = progress.elapsedSeconds > 0 ? Double(progress.done) / progress.elapsedSeconds : 0
        var line = "\(progress.done)"
        if let total = progress.total {
            line += " / \(total)"
            if rate > 0, total > progress.done {
                line += String(format: ", about %.0f s left", Double(total - progress.done) / rate)
            }
        }
        line += String(format: " post-mortems, %.0f per second", rate)
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
    }

    /// Ends the live line so the summary starts on a line of its own.
    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
