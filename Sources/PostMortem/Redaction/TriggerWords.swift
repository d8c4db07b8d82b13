/// The trigger words of a redactor's rules (see ``RedactionRule``), looked for in one pass over
/// a text's UTF-8 bytes with ASCII letters in lower case.
///
/// A rule whose words all are absent is skipped without running its expression. Looking for
/// every word in one pass, with a table of the words' first two bytes, costs about one table
/// look-up per byte, however many words there are.
struct TriggerWords: Sendable {
    /// Each word's lower-case bytes and the index of its rule.
    private let words: [(bytes: [UInt8], rule: Int)]
    /// The words that start with each pair of bytes, by the pair as `first << 8 | second`.
    private let byPrefix: [UInt16: [Int]]
    /// One bit per pair of bytes that starts a word: most bytes of a text are ruled out by it.
    private let prefixBits: [UInt64]
    /// For each rule, whether it always runs: it has no trigger words, or one too short to index.
    private let alwaysRuns: [Bool]
    /// How many rules have words.
    private let rulesWithWords: Int

    init(_ rules: [RedactionRule]) {
        var words: [(bytes: [UInt8], rule: Int)] = []
        var alwaysRuns: [Bool] = []
        for (index, rule) in rules.enumerated() {
            let bytes = rule.triggers.map { Array($0.utf8).map(Self.folded) }
            alwaysRuns.append(bytes.isEmpty || bytes.contains { $0.count < 2 })
            if !alwaysRuns[index] { words += bytes.map { ($0, index) } }
        }
        var byPrefix: [UInt16: [Int]] = [:]
        var prefixBits = [UInt64](repeating: 0, count: 1024)
        for (index, word) in words.enumerated() {
            let prefix = UInt16(word.bytes[0]) << 8 | UInt16(word.bytes[1])
            byPrefix[prefix, default: []].append(index)
            prefixBits[Int(prefix >> 6)] |= 1 << UInt64(prefix & 63)
        }
        self.words = words
        self.byPrefix = byPrefix
        self.prefixBits = prefixBits
        self.alwaysRuns = alwaysRuns
        self.rulesWithWords = alwaysRuns.filter { !$0 }.count
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

    /// For each rule, whether it must run on `text`: it always runs, or one of its words occurs.
    func rulesToRun(in text: String) -> [Bool] {
        var run = alwaysRuns
        var waiting = rulesWithWords
        guard waiting > 0 else { return run }
        var text = text
        text.withUTF8 { bytes in
            forEachWord(in: bytes) { _, rule in
                if !run[rule] {
                    run[rule] = true
                    waiting -= 1
                }
                return waiting > 0
            }
        }
        return run
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
        forEachWord(in: bytes) { offset, rule in
            hits.append(Hit(offset: offset, rule: rule))
            return true
        }
        return hits
    }

    /// Calls `found` with the offset and rule of each word occurring in `bytes`, in order of
    /// offset, until it returns false.
    private func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Bool) {
        guard bytes.count >= 2, let base = bytes.baseAddress else { return }
        // Raw pointers and a folding table: about a dozen instructions a byte, branching only
        // where the pair of bytes starts a word.
        Self.lowerCase.withUnsafeBufferPointer { lowerCase in
            prefixBits.withUnsafeBufferPointer { bits in
                var pair = UInt32(lowerCase[Int(base[0])])
                for index in 1..<bytes.count {
                    pair = (pair << 8 | UInt32(lowerCase[Int(base[index])])) & 0xFFFF
                    guard bits[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0, let candidates = byPrefix[UInt16(pair)] else {
                        continue
                    }
                    for candidate in candidates {
                        let word = words[candidate].bytes
                        let start = index - 1
                        guard start + word.count <= bytes.count,
                            word.indices.allSatisfy({ Self.folded(bytes[start + $0]) == word[$0] })
                        else { continue }
                        guard found(start, words[candidate].rule) else { return }
                    }
                }
            }
        }
    }
}
