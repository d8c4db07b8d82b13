/// The trigger words of a redactor's rules (see ``RedactionRule``), looked for in one pass over
/// a text's UTF-8 bytes with ASCII letters in lower case.
///
/// A rule whose words all are absent is skipped without running its expression. Looking for
/// every word in one pass, with a table of the words' first two bytes, costs about one table
/// look-up per byte, however many words there are.
struct TriggerWords: Sendable {
    /// One word: where its lower-case bytes lie in ``bytes``, its rule, and where in it the
    /// pair of bytes it is indexed by lies. Plain integers, so that the pass reads them without
    /// reference counting.
    private struct Word {
        var offset: Int32
        var count: Int32
        var rule: Int32
        var pair: Int32
    }

    /// Every word's lower-case bytes, one after another.
    private let bytes: [UInt8]
    private let words: [Word]
    /// The words indexed by each pair of bytes (`first << 8 | second`): those from
    /// `candidates[firstCandidate[pair]]` up to `candidates[firstCandidate[pair + 1]]`. A word is
    /// indexed by its rarest pair in log text (`ok` of `token`, `k_` of `sk_live_`), so that the
    /// pass stops at as few places as it can.
    private let firstCandidate: [Int32]
    private let candidates: [Int32]
    /// One bit per pair of bytes that indexes a word: most bytes of a text are ruled out by it.
    private let prefixBits: [UInt64]
    /// For each rule, whether it always runs: it has no trigger words, or one too short to index.
    private let alwaysRuns: [Bool]
    /// How many rules have words.
    private let rulesWithWords: Int
    /// The length of the longest word, in bytes.
    private let longestWord: Int

    init(_ rules: [RedactionRule]) {
        var bytes: [UInt8] = []
        var words: [Word] = []
        var alwaysRuns: [Bool] = []
        for (index, rule) in rules.enumerated() {
            let folded = rule.triggers.map { Array($0.utf8).map(Self.folded) }
            alwaysRuns.append(folded.isEmpty || folded.contains { $0.count < 2 })
            guard !alwaysRuns[index] else { continue }
            for word in folded {
                let pair =
                    (0..<(word.count - 1)).min { Self.commonness(word[$0], word[$0 + 1]) < Self.commonness(word[$1], word[$1 + 1]) } ?? 0
                words.append(Word(offset: Int32(bytes.count), count: Int32(word.count), rule: Int32(index), pair: Int32(pair)))
                bytes += word
            }
        }
        func prefix(_ word: Word) -> Int {
            let at = Int(word.offset + word.pair)
            return Int(bytes[at]) << 8 | Int(bytes[at + 1])
        }
        let sorted = words.indices.sorted { (prefix(words[$0]), $0) < (prefix(words[$1]), $1) }
        var firstCandidate = [Int32](repeating: 0, count: 65_537)
        var prefixBits = [UInt64](repeating: 0, count: 1024)
        for index in sorted {
            let pair = prefix(words[index])
            firstCandidate[pair + 1] += 1
            prefixBits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        for pair in 0..<65_536 { firstCandidate[pair + 1] += firstCandidate[pair] }
        self.bytes = bytes
        self.words = words
        self.firstCandidate = firstCandidate
        self.candidates = sorted.map(Int32.init)
        self.prefixBits = prefixBits
        self.alwaysRuns = alwaysRuns
        self.rulesWithWords = alwaysRuns.filter { !$0 }.count
        self.longestWord = words.map { Int($0.count) }.max() ?? 0
    }

    /// How often a pair of bytes occurs in log text, roughly: the product of each byte's weight,
    /// common letters highest, `x`, `q`, `z` and `j` lowest.
    private static func commonness(_ first: UInt8, _ second: UInt8) -> Int {
        func weight(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "x"), UInt8(ascii: "q"), UInt8(ascii: "z"), UInt8(ascii: "j"): 1
            case _ where "etaoinsrhldcu".utf8.contains(byte): 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): 5
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"): 4
            case UInt8(ascii: "_"), UInt8(ascii: ":"): 3
            default: 2
            }
        }
        return weight(first) * weight(second)
    }

    /// Every byte with ASCII capitals in lower case, by byte value.
    private static let lowerCase: [UInt8] = (0...255).map { folded(UInt8($0)) }

    /// `byte` with ASCII capitals in lower case, without a branch.
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte | (byte &- UInt8(ascii: "A") < 26 ? 0x20 : 0)
    }

    /// Whether rule `rule` runs whatever the text: it has no words, or one too short to index.
    func alwaysRuns(_ rule: Int) -> Bool {
        alwaysRuns[rule]
    }

    /// Where a word of a rule occurs in `bytes`: the offset it starts at, and the rule.
    struct Hit: Equatable {
        var offset: Int
        var rule: Int
    }

    /// Every occurrence of every word in `bytes`, in order of where it starts.
    func hits(in bytes: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var hits: [Hit] = []
        guard rulesWithWords > 0 else { return hits }
        var sorted = true
        forEachWord(in: bytes) { offset, rule in
            // Words are found where their indexing pair is: one that starts earlier may come later.
            if let last = hits.last, last.offset > offset { sorted = false }
            hits.append(Hit(offset: offset, rule: rule))
        }
        if !sorted { hits.sort { ($0.offset, $0.rule) < ($1.offset, $1.rule) } }
        return hits
    }

    /// `hits`, found in a text before `edits` (in order, apart), as they are in the text after
    /// them, `bytes`: those away from every edit moved by what the edits before them added or
    /// took away, those in an edit or starting less than a word's length before it found again
    /// in the new text. The same as ``hits(in:)`` of `bytes`, at the cost of the edits only.
    func hits(_ hits: [Hit], after edits: [TextEdit], in bytes: UnsafeBufferPointer<UInt8>) -> [Hit] {
        guard rulesWithWords > 0 else { return [] }
        let reach = longestWord - 1
        var result: [Hit] = []
        result.reserveCapacity(hits.count)
        var next = 0
        // New offset minus old for what follows the edits so far, and where the last search ended (new offsets).
        var shift = 0
        var searched = 0
        for edit in edits {
            while next < hits.count, hits[next].offset < edit.range.lowerBound - reach {
                result.append(Hit(offset: hits[next].offset + shift, rule: hits[next].rule))
                next += 1
            }
            while next < hits.count, hits[next].offset < edit.range.upperBound { next += 1 }
            // Words that start from a word's length before the new text to its end; a word that
            // starts there ends before `end`.
            let start = max(edit.range.lowerBound + shift - reach, searched, 0)
            let newEnd = edit.range.lowerBound + shift + edit.count
            let end = min(newEnd + reach, bytes.count)
            if start < newEnd, start < end {
                let window = UnsafeBufferPointer(rebasing: bytes[start..<end])
                for hit in self.hits(in: window) where start + hit.offset < newEnd {
                    result.append(Hit(offset: start + hit.offset, rule: hit.rule))
                }
            }
            searched = max(searched, newEnd)
            shift += edit.count - edit.range.count
        }
        while next < hits.count {
            result.append(Hit(offset: hits[next].offset + shift, rule: hits[next].rule))
            next += 1
        }
        return result
    }

    /// Calls `found` with the offset and rule of each word occurring in `bytes`, in the order
    /// their indexing pairs occur.
    @inline(__always)
    private func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        guard text.count >= 2, let base = text.baseAddress else { return }
        // Raw pointers and a folding table: about a dozen instructions a byte, branching only
        // where the pair of bytes starts a word.
        Self.lowerCase.withUnsafeBufferPointer { lowerCase in
            prefixBits.withUnsafeBufferPointer { bits in
                firstCandidate.withUnsafeBufferPointer { firstCandidate in
                    candidates.withUnsafeBufferPointer { candidates in
                        words.withUnsafeBufferPointer { words in
                            bytes.withUnsafeBufferPointer { wordBytes in
                                var pair = UInt32(lowerCase[Int(base[0])])
                                for index in 1..<text.count {
                                    pair = (pair << 8 | UInt32(lowerCase[Int(base[index])])) & 0xFFFF
                                    guard bits[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0 else { continue }
                                    for candidate in Int(firstCandidate[Int(pair)])..<Int(firstCandidate[Int(pair) + 1]) {
                                        let word = words[Int(candidates[candidate])]
                                        let count = Int(word.count)
                                        let start = index - 1 - Int(word.pair)
                                        guard start >= 0, start + count <= text.count else { continue }
                                        var position = 0
                                        while position < count,
                                            lowerCase[Int(base[start + position])] == wordBytes[Int(word.offset) + position]
                                        {
                                            position += 1
                                        }
                                        guard position == count else { continue }
                                        found(start, Int(word.rule))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
