extension Redactor {
    /// The built-in rules, in the order they apply (longer secrets first, so a private key or a
    /// URL is replaced whole before a rule for its parts sees it). None matches its own
    /// replacement, so redacting twice changes nothing and counts nothing more.
    static let builtInPatterns: [(name: String, pattern: String, replacement: String?, triggers: [String])] = [
        ("private-key", #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----"#, nil, ["private key-----"]),
        ("url-credentials", #"\b([a-zA-Z][a-zA-Z0-9+.\-]*://)(?!\[REDACTED:)[^\s/:@"'<>]+:[^\s/@"'<>]+@"#, "$1[REDACTED:url-credentials]@", ["://"]),
        ("authorization-header", #"(?i)\b(proxy-)?(authorization\s*[:=]\s*)(?:(bearer|basic|token|digest)\s+)?(?!\[REDACTED:)[^\s"',;]+"#, "$1$2[REDACTED:authorization-header]", ["authorization"]),
        ("bearer-token", #"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]{8,}=*"#, nil, ["bearer"]),
        ("jwt", #"\beyJ[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*"#, nil, ["eyj"]),
        ("aws-access-key-id", #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"#, nil, ["akia", "asia", "agpa", "aida", "aroa"]),
        ("aws-secret-access-key", #"(?i)\b(aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)(?!\[REDACTED:)[A-Za-z0-9/+=]{40}"#, "$1[REDACTED:aws-secret-access-key]", ["secret"]),
        ("slack-token", #"\bxox[abposr]-[A-Za-z0-9\-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]+"#, nil, ["xox", "hooks.slack.com"]),
        ("github-token", #"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"#, nil, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        ("secret-pair", #"(?i)(["']?\b(?:password|passwd|pwd|secret|client_secret|token|access_token|api[_\-]?key)["']?\s*[:=]\s*)(?!\[REDACTED:)("[^"]*"|'[^']*'|[^\s,;&}\]]+)"#, "$1[REDACTED:secret-pair]", ["password", "passwd", "pwd", "secret", "token", "api"]),
    ]

    /// The built-in rules whose matches may span lines; every other one matches within a line.
    static let multilineRules: Set<String> = ["private-key"]

    /// The built-in rules.
    public static var builtInRules: [RedactionRule] {
        builtInPatterns.compactMap {
            try? RedactionRule(
                name: $0.name, pattern: $0.pattern, replacement: $0.replacement, triggers: $0.triggers,
                withinLines: !multilineRules.contains($0.name))
        }
    }

    /// The built-in rules.
    public static let standard = Redactor(rules: builtInRules)
}
