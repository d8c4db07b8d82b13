import Foundation
import Testing
@testable import PostMortem

struct RedactorTests {
    @Test func everyBuiltInRuleCompiles() {
        #expect(Redactor.builtInRules.count == Redactor.builtInPatterns.count)
    }

    @Test(arguments: [
        ("postgresql://report:s3cr3t@db:5432/x", "postgresql://[REDACTED:url-credentials]@db:5432/x", "url-credentials"),
        ("Authorization: Bearer abc.def.ghi", "Authorization: [REDACTED:authorization-header]", "authorization-header"),
        ("proxy-authorization=Basic dXNlcjpwYXNz", "proxy-authorization=[REDACTED:authorization-header]", "authorization-header"),
        ("curl -H 'x' bearer 0123456789abcdefXYZ", "curl -H 'x' [REDACTED:bearer-token]", "bearer-token"),
        ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_", "token [REDACTED:jwt]", "jwt"),
        ("key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED:aws-access-key-id] used", "aws-access-key-id"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = [REDACTED:aws-secret-access-key]", "aws-secret-access-key"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "[REDACTED:private-key]", "private-key"),
        ("slack xoxb-1234567890-abcdefghij", "slack [REDACTED:slack-token]", "slack-token"),
        ("ghp_0123456789abcdefghijABCDEFGHIJ012345", "[REDACTED:github-token]", "github-token"),
        ("password=hunter2 user=x", "password=[REDACTED:secret-pair] user=x", "secret-pair"),
        (#"{"api_key": "abc123", "user": "x"}"#, #"{"api_key": [REDACTED:secret-pair], "user": "x"}"#, "secret-pair"),
        ("PASSWD: 'quoted value'", "PASSWD: [REDACTED:secret-pair]", "secret-pair"),
    ])
    func removesEachKindOfSecret(input: String, expected: String, rule: String) {
        var counts = Redactor.Counts()
        #expect(Redactor.standard.redact(input, counts: &counts) == expected)
        #expect(counts.byRule[rule] == 1)
        // Redacting again changes nothing and counts nothing.
        var again = Redactor.Counts()
        #expect(Redactor.standard.redact(expected, counts: &again) == expected)
        #expect(again.byRule.isEmpty)
    }

    @Test(arguments: [
        "GET /health 200 12ms", "the password policy changed", "tokenizer loaded", "https://example.com/path?x=1",
        "AKIA is a prefix", "user@example.com", "eyJ alone",
    ])
    func leavesOrdinaryTextAlone(text: String) {
        var counts = Redactor.Counts()
        #expect(Redactor.standard.redact(text, counts: &counts) == text)
        #expect(counts.byRule.isEmpty)
    }

    @Test func redactsEveryIncidentTextButThePostMortem() {
        var incident = Lifecycle.approvedFix.incident
        incident.title = "leak password=t1"
        incident.logs = "Authorization: Bearer abcdefgh12345"
        incident.actionResult = "connected to postgresql://u:p4ss@db/x"
        incident.metricsSnapshot = .object([
            (key: "token=k3y", value: .string("secret: v4l")), (key: "api_key", value: .string("plain")),
            (key: "mem_percent", value: .number("12")),
        ])
        incident.postMortem = "A person pasted password=keepme"
        var counts = Redactor.Counts()
        let clean = Redactor.standard.redact(incident, counts: &counts)
        #expect(clean.title == "leak password=[REDACTED:secret-pair]")
        #expect(clean.logs == "Authorization: [REDACTED:authorization-header]")
        #expect(clean.actionResult == "connected to postgresql://[REDACTED:url-credentials]@db/x")
        #expect(clean.metricsSnapshot == .object([
            (key: "token=[REDACTED:secret-pair]", value: .string("[REDACTED:secret-pair]")),
            (key: "api_key", value: .string("[REDACTED:secret-pair]")), (key: "mem_percent", value: .number("12")),
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

    @Test func aRulesFileAddsAndDisablesRules() throws {
        let url = try rulesFile(#"{"rules": [{"name": "internal-host", "pattern": "db-[0-9]+\\.corp", "replacement": "[host]"}], "disable": ["jwt"]}"#)
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
        ("rules: [yaml]", "it is not a JSON object"),
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
        #expect(TriggerWords(rules).rulesToRun(in: text) == [expected, false, true])
        #expect(TriggerWords(rules).rulesToRun(in: text + " QQQ") == [expected, true, true])
    }

    /// The pass finds exactly the rules a plain search for each word (ASCII letters folded)
    /// finds, on random texts of word fragments at every position of its 16-byte blocks.
    @Test(arguments: 0..<4)
    func findsWhatAPlainSearchFinds(seed: Int) {
        let rules = Redactor.standard.rules
        let index = TriggerWords(rules)
        let fragments = ["to", "ken", "TOK", "se", "cret", "api", "AP", "I", "://", ":/", "bear", "er", "ey", "J", "x", "ñ", " ", "\n", "gh", "p_"]
        var state = UInt64(seed + 11) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<(state >> 59) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += fragments[Int(state >> 33) % fragments.count]
            }
            let folded = String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            let expected = rules.map { rule in rule.triggers.contains { folded.utf8.firstRange(of: $0.utf8) != nil } }
            #expect(index.rulesToRun(in: text) == expected, "\(text.debugDescription)")
        }
    }

    /// Every built-in rule runs on a text holding one of its words, and only then.
    @Test func eachBuiltInRuleRunsOnlyOnItsWords() {
        let redactor = Redactor.standard
        let index = TriggerWords(redactor.rules)
        for (position, rule) in redactor.rules.enumerated() {
            for word in rule.triggers {
                let run = index.rulesToRun(in: "-- \(word.uppercased()) --")
                #expect(run[position], "\(rule.name) does not run on \(word)")
            }
        }
        #expect(index.rulesToRun(in: "nothing to see here: 42 items") == redactor.rules.map { $0.triggers.isEmpty })
    }
}

/// Rules that match within lines run only on the windows around their trigger words, and
/// redact exactly what running every rule over the whole text does.
struct LineWindowTests {
    /// The plain algorithm: each rule over the whole text, in order, when one of its words is there.
    static func wholeText(_ text: String, _ redactor: Redactor) -> (String, Redactor.Counts) {
        var text = text
        var counts = Redactor.Counts()
        for rule in redactor.rules {
            let folded = String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            guard rule.triggers.isEmpty || rule.triggers.contains(where: { folded.utf8.firstRange(of: $0.utf8) != nil }) else { continue }
            let (redacted, matches) = rule.apply(to: text)
            if matches > 0 { counts.byRule[rule.name, default: 0] += matches }
            text = redacted
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
            "-----BEGIN RSA PRIVATE KEY-----", "MIIEpAIB", "-----END RSA PRIVATE KEY-----", "ñandú", "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        ]
        let redactor = Redactor.standard
        var state = UInt64(seed + 3) &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
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
        #expect(Redactor.standard.redact(text, counts: &counts) == "INFO start\nAuthorization:\n  [REDACTED:authorization-header]\nINFO done")
    }
}
