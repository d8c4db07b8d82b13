import Foundation

/// The `generate` run: batches claimed, rendered, written and recorded.
extension PostMortemGenerator {
    /// The ids a worker claims from: after `after`, up to and including `through`.
    private struct IDRange {
        var after: String?
        var through: String?
    }

    /// How many batches of a backlog run find their look-alikes by joining pairs before each
    /// connection builds its table of them (``IncidentStore/prepareLookalikes()``).
    ///
    /// Building costs about as much as joining pairs for seven batches of 100 (measured on
    /// 20,000 incidents; both grow with the table), so a run that turns out long pays for it
    /// once, and a nightly run with a few incidents never does.
    static let batchesBeforeLookalikes = 4

    /// Runs `generate` with `options`, calling `progress` after every batch.
    public func generate(
        _ options: GenerateOptions, countFirst: Bool = false, progress: (Progress) -> Void = { _ in }
    ) throws -> RunSummary {
        let started = Date()
        var summary = RunSummary()
        summary.dryRun = options.dryRun
        if let directory = options.outputDirectory {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw GenerateError.outputDirectory(directory.path, error.localizedDescription)
            }
        }
        let store = try IncidentStore(connectionString: connectionString, logger: logger)
        let ids = Array(Set(options.incidentIDs)).sorted().map(\.text)
        let security = try store.rowSecurity()
        try security.check(writing: !options.dryRun, requested: ids)
        var query = IncidentStore.Query(
            kind: options.force ? .all : .due, ids: ids.isEmpty ? nil : ids, since: options.since,
            until: options.until, seed: seed)
        // Incidents resolved since `settled` may still be overwritten by Sentinel's own writer: a
        // batch run leaves them for a later run and counts them; asked for by id, they are
        // generated with a note.
        let settled =
            options.settle.microseconds > 0
            ? Timestamp(microseconds: try store.serverTime().microseconds - options.settle.microseconds) : nil
        summary.settle = options.settle
        if ids.isEmpty, let settled {
            var settling = query
            settling.resolvedAfter = settled
            summary.settling = try store.count(settling)
            query.resolvedBy = settled
        }
        let total = countFirst ? try store.count(query) : nil
        // Two workers, each on a connection of its own, claim → render → write → commit batch
        // after batch: while one renders, the server writes and reads for the other. Each claims
        // from its own half of the ids, split in the middle of the resolved ones' range, so that
        // when little is due both halves are searched at once.
        var ranges = [IDRange()]
        if query.ids == nil, let bounds = try store.resolvedIDRange(), let middle = IncidentID.midpoint(bounds.first, bounds.last) {
            ranges = [IDRange(through: middle), IDRange(after: middle)]
        }
        let board = RunBoard(limit: options.limit, lookalikesAfter: query.ids == nil ? Self.batchesBeforeLookalikes : nil)
        for range in ranges {
            Thread { [query] in work(range, query: query, options: options, board: board) }.start()
        }
        // Every batch is recorded here, on the caller's thread, as the workers finish them.
        var seen: Set<String> = []
        var failure: (any Error)?
        var running = ranges.count
        while running > 0 {
            switch board.nextReport() {
            case .batch(let rendered, let outcomes):
                record(rendered, outcomes: outcomes, options: options, settled: settled, summary: &summary)
                seen.formUnion(rendered.map(\.incident.id))
                logger.info("batch rendered", metadata: ["incidents": "\(rendered.count)", "done": "\(seen.count)"])
                progress(Progress(done: seen.count, total: total, elapsedSeconds: Date().timeIntervalSince(started)))
            case .finished:
                running -= 1
            case .failed(let error):
                // The other worker finishes the batch in hand and stops.
                board.stop()
                failure = failure ?? error
                running -= 1
            }
        }
        if let failure { throw failure }
        // The two halves were recorded batch by batch as they came: list each outcome in id order.
        summary.generated.sort()
        summary.unchanged.sort()
        if !ids.isEmpty {
            let missing = ids.filter { !seen.contains($0) }
            let existing = try store.incidents(ids: missing, seed: seed).map(\.id)
            for id in missing {
                let reason = existing.contains(id) ? "another run is generating it right now" : security.notFoundReason
                summary.failed.append(.init(id: id, reason: reason))
            }
            summary.failed.sort { $0.id < $1.id }
        }
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// One worker of a run: on a connection of its own, claims the next batch of `range`,
    /// renders it, writes it and commits, until the range runs out, the run's limit is
    /// reached or the run stops; every batch and the end go to `board`.
    private func work(_ range: IDRange, query: IncidentStore.Query, options: GenerateOptions, board: RunBoard) {
        do {
            let store = try IncidentStore(connectionString: connectionString, logger: logger)
            var after = range.after
            while let claim = board.claim(options.batchSize) {
                if claim.lookalikes { try store.prepareLookalikes() }
                try store.begin(readOnly: options.dryRun)
                let rendered: [Rendered]
                let outcomes: [IncidentStore.WriteOutcome]
                do {
                    let batch = try store.batch(query, after: after, through: range.through, limit: claim.size, lock: !options.dryRun)
                    board.settle(claim, found: batch.count)
                    guard let last = batch.last else {
                        store.rollback()
                        break
                    }
                    after = last.id
                    rendered = render(batch)
                    outcomes = try store.writePostMortems(options.dryRun ? [] : rendered.compactMap(\.write))
                    try store.commit()
                } catch {
                    store.rollback()
                    throw error
                }
                board.post(.batch(rendered, outcomes: outcomes))
                if rendered.count < claim.size { break }
            }
            board.post(.finished)
        } catch {
            board.post(.failed(error))
        }
    }

    /// Records a rendered batch with the outcomes of its writes (in the order of its writes).
    private func record(
        _ rendered: [Rendered], outcomes: [IncidentStore.WriteOutcome], options: GenerateOptions, settled: Timestamp?,
        summary: inout RunSummary
    ) {
        let writes = options.dryRun ? [] : rendered.compactMap(\.write)
        let outcomeByID = Dictionary(zip(writes.map(\.id), outcomes)) { first, _ in first }
        for rendered in rendered {
            record(rendered, outcome: outcomeByID[rendered.incident.id], options: options, settled: settled, summary: &summary)
        }
    }

    /// Records one rendered incident, with the outcome of its write, and writes its files.
    /// An incident resolved after `settled` that is written gets a note in the summary.
    private func record(
        _ rendered: Rendered, outcome: IncidentStore.WriteOutcome?, options: GenerateOptions, settled: Timestamp?,
        summary: inout RunSummary
    ) {
        var counts = rendered.counts
        defer { summary.redactions.add(counts) }
        let incident = rendered.incident
        guard incident.status == .resolved else {
            summary.failed.append(
                .init(id: incident.id, reason: "status is '\(incident.status)'; only resolved incidents get a post-mortem"))
            return
        }
        guard let facts = rendered.facts, let merged = rendered.merged else { return }
        for note in facts.notes { summary.dataQuality[note.kind.rawValue, default: 0] += 1 }
        summary.conflicts += merged.conflicts.map { RunSummary.Conflict(id: incident.id, region: $0) }
        guard !merged.isBlank else {
            summary.failed.append(.init(id: incident.id, reason: "the templates made an empty document; nothing was written"))
            return
        }
        if rendered.write == nil {
            summary.unchanged.append(incident.id)
        } else if options.dryRun {
            summary.generated.append(incident.id)
            summary.record(rendered.fit, of: incident.id)
        } else {
            switch outcome {
            case .written:
                summary.generated.append(incident.id)
                summary.record(rendered.fit, of: incident.id)
                if let settled, let resolved = incident.resolvedAt, resolved > settled {
                    let age = Span(microseconds: settled.microseconds + options.settle.microseconds - resolved.microseconds)
                    summary.settlingWritten.append(
                        .init(
                            id: incident.id,
                            reason: "resolved \(age.text) ago; Sentinel's own post-mortem writer may still replace this text, "
                                + "and the next run then keeps that text under \"Earlier post-mortem\""))
                }
            case nil:
                summary.failed.append(.init(id: incident.id, reason: "its post-mortem was not written; run generate again"))
                return
            case .conflict:
                summary.skipped.append(
                    .init(id: incident.id, reason: "changed by someone else during the run; left as it is for the next run"))
                return
            case .rejected(let error):
                summary.failed.append(.init(id: incident.id, reason: error.description))
                return
            }
        }
        logger.debug("post-mortem ready", metadata: ["incident": "\(incident.id)"])
        if let directory = options.outputDirectory {
            let base = directory.appendingPathComponent(OutputFiles.baseName(for: incident))
            do {
                // Files leave the database: what a person wrote is redacted there too.
                let text = redactor.redact(merged.text, counts: &counts)
                try OutputFiles.write(text, to: base.appendingPathExtension("md"))
                if options.html {
                    try OutputFiles.write(
                        page(for: incident, document: text, facts: facts), to: base.appendingPathExtension("html"))
                }
            } catch {
                summary.failed.append(.init(id: incident.id, reason: "cannot write \(base.path): \(error.localizedDescription)"))
            }
        }
    }
}
