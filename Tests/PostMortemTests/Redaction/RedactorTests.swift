import Foundation
import Testing
import TestSupport
@testable import PostMortem
import Templates

struct RedactorTests {
    @Test func everyBuiltInRuleCompiles() {
        #expect(Redactor.builtInRules.count == Redactor.builtInTable.count)
        #expect(Set(Redactor.builtInTable.map(\.name)).count == Redactor.builtInTable.count)
    }

    /// An example of a rule's table: the text, and what it must become, each `«…»` replaced by
    /// the rule's marker.
    static func example(_ marked: String, rule: String) -> (input: String, expected: String) {
        var input = ""
        var expected = ""
        var inside = false
        for character in marked {
            switch character {
            case "«":
                inside = true
                expected += "[REDACTED:\(rule)]"
            case "»":
                inside = false
            default:
                input.append(character)
                if !inside { expected.append(character) }
            }
        }
        return (input, expected)
    }

    /// Every rule's own examples: each secret goes, everything around it stays, counted under
    /// the rule; redacting the result again changes nothing and counts nothing.
    @Test(arguments: Redactor.builtInTable.map(\.name))
    func redactsItsExamplesAndNothingElse(rule name: String) throws {
        let rule = try #require(Redactor.builtInTable.first { $0.name == name })
        #expect(!rule.redacts.isEmpty)
        for marked in rule.redacts {
            let (input, expected) = Self.example(marked, rule: name)
            var counts = Redactor.Counts()
            let output = Redactor.standard.redact(input, counts: &counts)
            #expect(output == expected, "\(input.debugDescription)")
            #expect(counts.byRule[name] == marked.filter { $0 == "«" }.count, "\(input.debugDescription): \(counts.byRule)")
            var again = Redactor.Counts()
            #expect(Redactor.standard.redact(output, counts: &again) == output)
            #expect(again.byRule.isEmpty, "\(output.debugDescription): \(again.byRule)")
        }
        for text in rule.keeps {
            var counts = Redactor.Counts()
            #expect(Redactor.standard.redact(text, counts: &counts) == text, "\(text.debugDescription)")
            #expect(counts.byRule.isEmpty, "\(text.debugDescription): \(counts.byRule)")
        }
    }

    /// Lines as logs and command output carry them, that no rule may touch.
    @Test(arguments: [
        "GET /health 200 12ms", "https://example.com/path?x=1", "user@example.com", "eyJ alone",
        "[2026-10-01 08:00:00 UTC] INFO payments-api request_id=4f2a9c1d latency_ms=312 path=/api/v1/orders/123 status=200",
        #"{"level":"error","msg":"upstream timed out","trace_id":"0af7651916cd43dd8448eb211c80319c","token_count":12}"#,
        "commit 3f2b8c1e9d4a4e6f8a1b2c3d4e5f6a7b8c9d0e1f (build 20261001.3)", "uuid=3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "image: registry.example.com/app:4.2.1",
        "base64 payload: SGVsbG8gV29ybGQh", "    at com.example.payments.Client.call(Client.java:123)",
        "PWD=/var/lib/postgresql/data", "Using secret: db-creds", "Mounted secret volume /run/secrets",
        "kubectl get secret db-creds -o yaml", "token refresh scheduled in 300s", "password reset requested by ana",
        "session started for ana@example.com", "AUTH OK", "api_key rotated 3 days ago", "cache key=orders:5000 hit",
        "SSL handshake: session resumed", "auth_method=oauth2", "max_tokens=4096 temperature=0.2",
    ])
    func leavesOrdinaryLinesAlone(text: String) {
        var counts = Redactor.Counts()
        #expect(Redactor.standard.redact(text, counts: &counts) == text)
        #expect(counts.byRule.isEmpty, "\(counts.byRule)")
    }

    @Test func redactsEveryIncidentTextButThePostMortem() {
        var incident = Lifecycle.approvedFix.incident
        incident.title = "leak password=t1"
        incident.logs = "Authorization: Bearer abcdefgh12345"
        incident.actionResult = "connected to postgresql://u:p4ss@db/x"
        incident.metricsSnapshot = .object([
            (key: "token=k3y9Xq2Lm", value: .string("secret: v4lQ8zR2pK")), (key: "api_key", value: .string("a1b2c3d4e5f6")),
            (key: "api_key_name", value: .string("primary")), (key: "mem_percent", value: .number("12")),
        ])
        incident.postMortem = "A person pasted password=keepme"
        var counts = Redactor.Counts()
        let clean = Redactor.standard.redact(incident, counts: &counts)
        #expect(clean.title == "leak password=[REDACTED:secret-pair]")
        #expect(clean.logs == "Authorization: Bearer [REDACTED:authorization-header]")
        #expect(clean.actionResult == "connected to postgresql://[REDACTED:url-credentials]@db/x")
        #expect(
            clean.metricsSnapshot
                == .object([
                    (key: "token=[REDACTED:secret-pair]", value: .string("[REDACTED:secret-pair]")),
                    (key: "api_key", value: .string("[REDACTED:secret-pair]")), (key: "api_key_name", value: .string("primary")),
                    (key: "mem_percent", value: .number("12")),
                ]))
        #expect(clean.postMortem == "A person pasted password=keepme")
        #expect(counts.byRule == ["secret-pair": 4, "authorization-header": 1, "url-credentials": 1])
        #expect(counts.line == "Redacted: authorization-header 1, secret-pair 4, url-credentials 1.\n")
    }

    func rulesFile(_ json: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).json")
        try json.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aRuleOfAFileRunsOnlyWhereItsTriggerWordsAre() throws {
        let url = try rulesFile(
            #"{"rules": [{"name": "ticket", "pattern": "[A-Z]+-[0-9]+", "replacement": "[ticket]", "triggers": ["jira"]}]}"#)
        let redactor = try Redactor.withRulesFile(url)
        var counts = Redactor.Counts()
        #expect(redactor.redact("OPS-12 fixed", counts: &counts) == "OPS-12 fixed")
        #expect(redactor.redact("Jira OPS-12 fixed", counts: &counts) == "Jira [ticket] fixed")
        #expect(counts.byRule == ["ticket": 1])
    }

    @Test func aRulesFileAddsAndDisablesRules() throws {
        let url = try rulesFile(
            #"{"rules": [{"name": "internal-host", "pattern": "db-[0-9]+\\.corp", "replacement": "[host]"}], "disable": ["jwt"]}"#)
        let redactor = try Redactor.withRulesFile(url)
        #expect(!redactor.rules.contains { $0.name == "jwt" })
        var counts = Redactor.Counts()
        #expect(redactor.redact("db-12.corp eyJa.eyJb.c", counts: &counts) == "[host] eyJa.eyJb.c")
        #expect(counts.byRule == ["internal-host": 1])
    }

    @Test(arguments: [
        (#"{"rules": [{"name": "broken", "pattern": "([a-z"}]}"#, "redaction rule 'broken' is invalid"),
        (#"{"rules": [{"name": "empty", "pattern": "x*"}]}"#, "redaction rule 'empty' is invalid: the pattern matches empty text"),
        (#"{"disable": ["no-such-rule"]}"#, "'no-such-rule', which is not a built-in rule"),
        (#"{"rules": [{"pattern": "x"}]}"#, "rule 1 needs a `name` and a `pattern`"),
        (#"{"rules": [{"name": "jwt", "pattern": "x"}]}"#, "redaction rule 'jwt' is defined twice"),
        (#"{"rulez": []}"#, "unknown key(s) rulez"),
        (#"{"rules": [{"name": "x", "pattern": "x", "triggers": ["X"]}]}"#, "`triggers` must be a list of lower-case words"),
        ("rules: [yaml]", "it is not a JSON object"), ("[]", "it is not a JSON object"),
        (#"{"disable": "jwt"}"#, "`disable` must be a list of rule names"), (#"{"rules": {}}"#, "`rules` must be a list of objects"),
        (#"{"rules": [{"name": "x", "pattern": "x", "replacement": 3}]}"#, "rule 1: `replacement` must be text"),
        (#"{"rules": [{"name": "x", "pattern": "x"}, {"name": "y", "pattern": "y", "triggers": "y"}]}"#, "rule 2: `triggers` must be"),
        (#"{"rules": ["x"]}"#, "rule 1 must be an object with a `name` and a `pattern`"),
    ])
    func aBadRulesFileNamesTheProblem(json: String, message: String) throws {
        let url = try rulesFile(json)
        do {
            _ = try Redactor.withRulesFile(url)
            Issue.record("the file was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
            #expect(error.description.contains(url.path))
        }
    }
}

extension TriggerWords {
    /// For each rule, whether a redactor runs it on `text`: it always runs, or the pass finds
    /// one of its words.
    func rulesToRun(in text: String, of rules: [RedactionRule]) -> [Bool] {
        var text = text
        let found = Set(text.withUTF8 { hits(in: $0) }.map(\.rule))
        return rules.indices.map { alwaysRuns($0) || found.contains($0) }
    }
}

struct TriggerWordsTests {
    @Test(arguments: [
        ("Authorization: x", "authorization", true), ("xAUTHORIZATIO", "authorization", false), ("", "api", false),
        ("ap", "api", false), ("api", "api", true), ("aaapi", "api", true), ("ÁPI-Key api", "api", true),
        ("a p i", "api", false), ("ends with API", "api", true), ("ApI", "api", true), ("xx", "xx", true),
        ("abc", "abcd", false), ("xabcd", "abcd", true), (String(repeating: "to se ap ", count: 40) + "api", "api", true),
        (String(repeating: "x", count: 15) + "api", "api", true), (String(repeating: "x", count: 16) + "api", "api", true),
        (String(repeating: "x", count: 17) + "apI", "api", true), ("ñapi", "api", true), ("ap\u{0}i", "api", false),
    ])
    func findsLowerCaseWordsInAnyCase(text: String, word: String, expected: Bool) throws {
        let rules = [
            try RedactionRule(name: "worded", pattern: "never-matches-[0-9]{99}", triggers: [word]),
            try RedactionRule(name: "other", pattern: "never-matches-[0-9]{99}", triggers: ["zzz", "qqq"]),
            try RedactionRule(name: "always", pattern: "never-matches-[0-9]{99}"),
        ]
        #expect(TriggerWords(rules).rulesToRun(in: text, of: rules) == [expected, false, true])
        #expect(TriggerWords(rules).rulesToRun(in: text + " QQQ", of: rules) == [expected, true, true])
    }

    /// The pass finds exactly the rules a plain search for each word (ASCII letters folded)
    /// finds, on random texts of word fragments at every position of its 16-byte blocks.
    @Test(arguments: 0..<4)
    func findsWhatAPlainSearchFinds(seed: Int) {
        let rules = Redactor.standard.rules
        let index = TriggerWords(rules)
        let fragments = [
            "to", "ken", "TOK", "se", "cret", "api", "AP", "I", "://", ":/", "bear", "er", "ey", "J", "x", "ñ", " ", "\n", "gh", "p_",
        ]
        var random = SeededRandom(seed: UInt64(seed) + 11)
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.below(32) { text += random.pick(fragments) }
            let folded = String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            let expected = rules.map { rule in rule.triggers.contains { folded.utf8.firstRange(of: $0.utf8) != nil } }
            #expect(index.rulesToRun(in: text, of: rules) == expected, "\(text.debugDescription)")
        }
    }

    /// Words found before edits, moved through them, are the words a new pass over the edited
    /// text finds: random texts of word fragments, random edits anywhere (next to each other,
    /// at either end, inserting words, removing them).
    @Test(arguments: 0..<4)
    func movesItsHitsThroughEdits(seed: Int) {
        let index = TriggerWords(Redactor.standard.rules)
        let fragments = [
            "to", "ken", "TOK", "se", "cret", "api", "AP", "I", "://", "bear", "er", "eyJ", "x", "ñ", " ", "\n", "[REDACTED:secret-pair]",
        ]
        var random = SeededRandom(seed: UInt64(seed) + 31)
        func piece() -> String { (0..<(random.next() % 6)).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined() }
        func sorted(_ hits: [TriggerWords.Hit]) -> [[Int]] {
            hits.map { [$0.offset, $0.rule] }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        for _ in 0..<1_000 {
            let before = Array((0..<(1 + random.next() % 30)).map { _ in piece() }.joined().utf8)
            var edits: [TextEdit] = []
            var after: [UInt8] = []
            var copied = 0
            while copied < before.count, random.next() % 3 != 0 {
                let start = copied + Int(random.next() % UInt64(before.count - copied + 1))
                let end = start + Int(random.next() % UInt64(before.count - start + 1))
                let inserted = Array(piece().utf8)
                after += before[copied..<start] + inserted
                edits.append(TextEdit(range: start..<end, count: inserted.count))
                copied = end
            }
            after += before[copied...]
            let moved = before.withUnsafeBufferPointer { old in
                after.withUnsafeBufferPointer { index.hits(index.hits(in: old), after: edits, in: $0) }
            }
            let found = after.withUnsafeBufferPointer { index.hits(in: $0) }
            #expect(sorted(moved) == sorted(found), "\(String(decoding: before, as: UTF8.self).debugDescription) \(edits)")
        }
    }

    /// Every built-in rule runs on a text holding one of its words, and only then.
    @Test func eachBuiltInRuleRunsOnlyOnItsWords() {
        let redactor = Redactor.standard
        let index = TriggerWords(redactor.rules)
        for (position, rule) in redactor.rules.enumerated() {
            for word in rule.triggers {
                let run = index.rulesToRun(in: "-- \(word.uppercased()) --", of: redactor.rules)
                #expect(run[position], "\(rule.name) does not run on \(word)")
            }
        }
        #expect(index.rulesToRun(in: "nothing to see here: 42 items", of: redactor.rules) == redactor.rules.map { $0.triggers.isEmpty })
    }
}

/// Rules that match within two lines (every built-in one but private-key: their patterns allow
/// one line break at most) run only on the windows around their trigger words, or the keys
/// holding them, and redact exactly what running every rule over the whole text does.
struct LineWindowTests {
    /// The plain algorithm: each rule over the whole text, in order, when one of its words is there.
    static func wholeText(_ text: String, _ redactor: Redactor) -> (String, Redactor.Counts) {
        var text = text
        var counts = Redactor.Counts()
        for rule in redactor.rules {
            let folded = String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            guard rule.triggers.isEmpty || rule.triggers.contains(where: { folded.utf8.firstRange(of: $0.utf8) != nil }) else { continue }
            guard let replaced = rule.apply(to: text) else { continue }
            counts.byRule[rule.name, default: 0] += replaced.count
            text = replaced.text
        }
        return (text, counts)
    }

    /// Random logs of lines that each hold a word, with keys whose values may follow on the
    /// next line, secrets of every built-in kind, and look-alikes.
    @Test(arguments: 0..<6)
    func agreesWithRunningEveryRuleOverTheWholeText(seed: Int) {
        let words = [
            "INFO", "request", "password=hunter2", "password:", "= s3cr3t", "Authorization:", "Bearer abcdefgh12345",
            "postgresql://app:pw@db/x", "token", "token_count=3", "api_key", "\"api_key\": \"abc\"", "AKIAIOSFODNN7EXAMPLE",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "xoxb-1234567890-abcdefghij", "secret: x", "pwd=/var/lib",
            "-----BEGIN RSA PRIVATE KEY-----", "MIIEpAIB", "-----END RSA PRIVATE KEY-----", "ñandú",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        ]
        let redactor = Redactor.standard
        var random = SeededRandom(seed: UInt64(seed) + 3)
        func next(_ bound: Int) -> Int { random.below(bound) }
        for _ in 0..<400 {
            let lines = (0..<(1 + next(8))).map { _ in
                (0..<(1 + next(4))).map { _ in words[next(words.count)] }.joined(separator: next(3) == 0 ? "" : " ")
            }
            let text = lines.joined(separator: "\n")
            var counts = Redactor.Counts()
            let (expected, expectedCounts) = Self.wholeText(text, redactor)
            #expect(redactor.redact(text, counts: &counts) == expected, "\(text.debugDescription)")
            #expect(counts == expectedCounts, "\(text.debugDescription)")
        }
    }

    @Test func aValueOnTheNextLineIsRedactedToo() {
        var counts = Redactor.Counts()
        let text = "INFO start\nAuthorization:\n  Bearer abcdefgh12345\nINFO done"
        #expect(
            Redactor.standard.redact(text, counts: &counts)
                == "INFO start\nAuthorization:\n  Bearer [REDACTED:authorization-header]\nINFO done")
    }
}

/// Only what a document shows of the logs is redacted and kept, and everything it shows is:
/// a secret that starts above the cut goes too.
struct PublishedPartTests {
    static let noise = (0..<2_000).map { "[2026-10-01 07:00:00 UTC] INFO line \($0) " + String(repeating: "x", count: 40) }
        .joined(separator: "\n")
    static let tail = (0..<10).map { "[2026-10-01 08:00:00 UTC] INFO tail \($0)" }.joined(separator: "\n")

    static func key(lines: Int) -> String {
        "-----BEGIN RSA PRIVATE KEY-----\n" + (0..<lines).map { "MIIEpAIBAAKCAQEAx4Ls\($0)" }.joined(separator: "\n")
            + "\n-----END RSA PRIVATE KEY-----"
    }

    @Test(arguments: [60, 4_000])
    func aKeyWhoseBeginLineIsAboveTheCutIsRedactedWhole(keyLines: Int) throws {
        var incident = Lifecycle.approvedFix.incident
        incident.logs = Self.noise + "\n" + Self.key(lines: keyLines) + "\n" + Self.tail
        var counts = Redactor.Counts()
        let redacted = Redactor.standard.redact(incident, counts: &counts, showingLogLines: 50)
        let logs = try #require(redacted.logs)
        #expect(logs.utf8.count < (incident.logs ?? "").utf8.count / 2, "only what a document shows, and some context, is kept")
        #expect(redacted.logLinesLeftOut > 1_000)
        #expect(!logs.contains("MIIEpAIB"))
        #expect(counts.byRule["private-key"] ?? counts.byRule["private-key-part"] == 1)

        let document = Self.generator.document(for: redacted).text
        #expect(!document.contains("MIIEpAIB"))
        #expect(document.contains("INFO tail 9"))
        // The total counts every line of the logs, those left out included (the key is one line now).
        let total = 2_000 + (keyLines + 2) + 10
        let shown = LogExcerpt(logs: redacted.logs, limit: 50, leftOut: redacted.logLinesLeftOut)
        #expect(shown?.totalLines ?? 0 <= total)
        #expect(shown?.totalLines ?? 0 >= total - keyLines - 2)
        // The key is one line now: the excerpt shows up to 50 lines of what was kept.
        #expect((11...50).contains(shown?.shownLines ?? 0))
    }

    @Test func aKeyWhoseValueIsBelowTheCutIsRedacted() throws {
        var incident = Lifecycle.approvedFix.incident
        let filler = (0..<49).map { "line \($0)" }.joined(separator: "\n")
        incident.logs = Self.noise + "\n  \"password\":\n    \"hunter2-the-real-one\",\n" + filler
        var counts = Redactor.Counts()
        let redacted = Redactor.standard.redact(incident, counts: &counts, showingLogLines: 50)
        #expect(redacted.logs?.contains("hunter2-the-real-one") == false)
        #expect(counts.byRule["secret-pair"] == 1)
    }

    @Test func aTokenAcrossTheWidthCutIsRedactedBeforeTheCut() throws {
        var incident = Lifecycle.approvedFix.incident
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        // The token starts before the width cut and ends after it; redacted first, it does not leak.
        incident.logs =
            "[2026-10-01 08:00:00 UTC] " + String(repeating: "x", count: 420) + " token=" + jwt + " "
            + String(repeating: "y", count: 300_000)
        var counts = Redactor.Counts()
        let redacted = Redactor.standard.redact(incident, counts: &counts, showingLogLines: 50)
        let (merged, fit) = Self.generator.document(for: redacted, facts: ReportModel.Facts(incident: redacted, strings: .builtIn("en")))
        #expect(fit.cuts.logLineWidth == ReportCuts.logLineWidth)
        #expect(!merged.text.contains("eyJ"))
        #expect(merged.text.contains("[REDACTED:jwt]"))
    }

    static let generator = PostMortemGenerator(templates: try! TemplateSet.load(), connectionString: nil)
}

/// The generic assignment rule on whole documents as incidents carry them: every secret goes,
/// every other value stays, and the document keeps its shape.
struct AssignmentDocumentTests {
    static func redacted(_ text: String) -> String {
        var counts = Redactor.Counts()
        return Redactor.standard.redact(text, counts: &counts)
    }

    @Test func anEnvironmentDump() {
        let env = """
            PATH=/usr/local/bin:/usr/bin
            PWD=/var/lib/postgresql/data
            HOME=/root
            DB_HOST=db.internal
            DB_PASSWORD=Xk9#mQ2!vL
            PGPASSWORD=pg-s3cret
            REDIS_URL=redis://:r3dis-pw@cache:6379/0
            STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc
            SECRET_KEY_BASE=9f8e7d6c5b4a39281706f5e4d3c2b1a0
            TOKEN_TTL=3600
            SESSION_COOKIE_NAME=sid
            API_KEY_FILE=/run/secrets/api_key
            """
        #expect(
            Self.redacted(env) == """
                PATH=/usr/local/bin:/usr/bin
                PWD=/var/lib/postgresql/data
                HOME=/root
                DB_HOST=db.internal
                DB_PASSWORD=[REDACTED:secret-pair]
                PGPASSWORD=[REDACTED:secret-pair]
                REDIS_URL=redis://[REDACTED:url-credentials]@cache:6379/0
                STRIPE_SECRET_KEY=[REDACTED:stripe-key]
                SECRET_KEY_BASE=[REDACTED:secret-pair]
                TOKEN_TTL=3600
                SESSION_COOKIE_NAME=sid
                API_KEY_FILE=/run/secrets/api_key
                """)
    }

    @Test func dockerInspectJSON() {
        let inspect = #"""
            "Config": {
                "Env": [
                    "POSTGRES_PASSWORD=Sup3rS3cret",
                    "POSTGRES_USER=app",
                    "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"
                ],
                "Labels": {"com.example.secret-name": "db-creds", "token_count": "3"},
                "Image": "postgres:15"
            }
            """#
        #expect(
            Self.redacted(inspect) == #"""
                "Config": {
                    "Env": [
                        "POSTGRES_PASSWORD=[REDACTED:secret-pair]",
                        "POSTGRES_USER=app",
                        "AWS_SESSION_TOKEN=[REDACTED:secret-pair]"
                    ],
                    "Labels": {"com.example.secret-name": "db-creds", "token_count": "3"},
                    "Image": "postgres:15"
                }
                """#)
    }

    @Test func aKubernetesSecretAndDeployment() {
        let yaml = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
            data:
              DB_PASSWORD: cGFzc3dvcmQxMjM=
              api-token: ZXhhbXBsZS10b2tlbi12YWx1ZTEyMw==
            ---
            env:
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef:
                    name: db-credentials
                    key: DB_PASSWORD
            """
        #expect(
            Self.redacted(yaml) == """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db-credentials
                data:
                  DB_PASSWORD: [REDACTED:secret-pair]
                  api-token: [REDACTED:secret-pair]
                ---
                env:
                  - name: DB_PASSWORD
                    valueFrom:
                      secretKeyRef:
                        name: db-credentials
                        key: DB_PASSWORD
                """)
    }

    @Test(
        arguments: [
            ("psql --host db --username app --password Tr0ub4dor", "psql --host db --username app --password [REDACTED:secret-pair]"),
            ("app --api-key=0123abcdEFGH --verbose", "app --api-key=[REDACTED:secret-pair] --verbose"),
            (
                "vault login -method=userpass username=ana password=hunter2",
                "vault login -method=userpass username=ana password=[REDACTED:secret-pair]"
            ),
            ("mysql -h db -u root -pS3cret app", "mysql -h db -u root -p[REDACTED:cli-password] app"),
            (
                "kubectl create secret generic db --from-literal=password=s3cr3t",
                "kubectl create secret generic db --from-literal=password=[REDACTED:secret-pair]"
            ),
            ("terraform apply -var token_ttl=3600", "terraform apply -var token_ttl=3600"),
        ] as [(String, String)])
    func commandLines(line: String, expected: String) {
        #expect(Self.redacted(line) == expected)
    }
}
