import Foundation

/// Whether the value of a key named like a secret is one, or a name, a count, a path or a
/// placeholder that only looks the part (`token_count=3`, `Using secret: db-creds`,
/// `PWD=/var/lib/postgresql/data`, `password: ${DB_PASSWORD}`, `api_key: <your key>`).
enum SecretShape {
    /// Whether `value` (the text assigned to `key`, without quotes) is to be redacted.
    ///
    /// A key that names a password (`…pass…`, `…pwd`) takes any value but a placeholder; a key
    /// that may name other things (`secret`, `token`, `…key`, `session`, `cookie`, `auth`,
    /// `credential`) only a value that looks generated: at least eight characters mixing
    /// letters with digits or capitals with small letters, or sixteen of high entropy.
    static func isSecret(key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most keys that reach here (`"token_count": 12`) have a short value and no password in
        // their name: turned down without copying anything.
        guard value.count >= 8 || contains(key, "pass", foldingCase: true) || contains(key, "pwd", foldingCase: true) else {
            return false
        }
        // The key in lower case, without quotes and leading dashes.
        var name = key.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
        while name.first == UInt8(ascii: "-") { name.removeFirst() }
        for index in name.indices where name[index] >= 65 && name[index] <= 90 { name[index] |= 0x20 }
        let password = contains(name, "pass") || hasSuffix(name, "pwd")
        guard !value.isEmpty, password || value.count >= 8 else { return false }
        // The shell's working directories, not passwords.
        if name.elementsEqual("pwd".utf8) || name.elementsEqual("oldpwd".utf8) { return false }
        // Headers that rules of their own redact, keeping the scheme word.
        if contains(name, "authorization") || name.elementsEqual("cookie".utf8) || name.elementsEqual("set-cookie".utf8) {
            return false
        }
        // A key about a secret rather than holding one: its file, its name, its length.
        if describingSuffixes.contains(where: { hasSuffix(name, $0) }) { return false }
        guard !isPlaceholder(value), !isLocation(value), !contains(value, "[REDACTED:") else { return false }
        // A key named only by its last word, `key` or `pat` (`DD_APP_KEY`, `cache_key`), takes
        // only a value that looks random: sixteen characters or more, no separator of names.
        if !namesASecret(name) {
            return value.count >= 16 && !value.contains(UInt8(ascii: ":")) && looksGenerated(value) && entropy(value) > 3
        }
        return password || looksGenerated(value)
    }

    /// Whether a key's name (lower case) holds a word that names a secret, beyond a last word
    /// `key` or `pat`.
    private static func namesASecret(_ name: [UInt8]) -> Bool {
        secretWords.contains { contains(name, $0) }
    }

    private static let secretWords: [StaticString] = [
        "pass", "pwd", "secret", "token", "credential", "session", "cookie", "auth", "api", "access", "account", "private",
        "master", "signing", "encryption", "client",
    ]

    private static func contains(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { contains($0, word) }
    }

    /// Whether `word` (lower case) occurs in `bytes`, with ASCII capitals taken for small
    /// letters when `foldingCase`: a plain loop, a few instructions a byte (Foundation's generic
    /// `firstRange(of:)` took thousands a call here).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, foldingCase: Bool = false) -> Bool {
        let word = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count >= word.count else { return false }
        func byte(_ index: Int) -> UInt8 {
            let byte = bytes[index]
            return foldingCase && byte >= 65 && byte <= 90 ? byte | 0x20 : byte
        }
        var index = 0
        while index <= bytes.count - word.count {
            var matched = 0
            while matched < word.count, byte(index + matched) == word[matched] { matched += 1 }
            if matched == word.count { return true }
            index += 1
        }
        return false
    }

    private static func hasSuffix(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        let word = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return bytes.count >= word.count && bytes.suffix(word.count).elementsEqual(word)
    }

    /// Endings of keys that describe a secret instead of holding it.
    static let describingSuffixes: [StaticString] = [
        "file", "path", "dir", "url", "uri", "endpoint", "name", "type", "length", "count", "size", "policy", "ttl",
        "timeout", "enabled", "required", "mode", "header", "field", "prefix", "expiry", "expires", "expiration",
        "format", "version", "limit", "used", "tokens", "ref", "source",
    ]

    /// Whether `value` is a path or a URL (a secret file's place, a token endpoint).
    /// Base64 may start with a slash too: a value with `+` or ending in `=` is no path.
    static func isLocation(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if contains(value, "://") { return true }
        guard value.starts(with: "/".utf8) || value.starts(with: "./".utf8) || value.starts(with: "~/".utf8) else { return false }
        return !value.contains(UInt8(ascii: "+")) && value.last != UInt8(ascii: "=")
    }

    /// Values that stand for a secret instead of being one: variables and templates, angle
    /// brackets, one character repeated, and the words people write in examples.
    static func isPlaceholder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "%") || (first == UInt8(ascii: "<") && last == UInt8(ascii: ">"))
            || (first == UInt8(ascii: "{") && value.count > 1 && value[1] == UInt8(ascii: "{"))
            || value.starts(with: "[REDACTED".utf8)
        {
            return true
        }
        if value.allSatisfy({ $0 == first }) { return true }
        // Every word below is short; a long value is none of them.
        guard value.count <= 24 || value.contains(UInt8(ascii: "_")) || value.contains(UInt8(ascii: "-")) else { return false }
        // On bytes: Foundation's `contains` and `hasPrefix` on a String bridge it to NSString,
        // which cost more than the rest of the redaction of a short value.
        let word = value.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return word.starts(with: "your".utf8) || word.starts(with: "example".utf8) || hasSuffix(word, "_here")
            || hasSuffix(word, "-here") || contains(word, "changeme") || contains(word, "placeholder")
            || placeholders.contains(String(decoding: word, as: UTF8.self))
    }

    static let placeholders: Set<String> = [
        "null", "none", "nil", "true", "false", "undefined", "empty", "redacted", "hidden", "secret", "password", "token",
        "changeme", "change_me", "example", "sample", "test", "dummy", "xxx", "***", "...", "n/a", "na", "unset", "required",
        "optional", "string", "str", "value", "default",
    ]

    /// Whether `value` looks generated rather than chosen: at least eight characters with
    /// letters and digits, or capitals and small letters, and not only words joined by `-`,
    /// `_` or `.`; or at least sixteen characters of more than three and a half bits each.
    static func looksGenerated(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 8 else { return false }
        var lower = false
        var upper = false
        var digit = false
        var other = false
        for byte in value {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): break
            default: other = true
            }
        }
        if (lower || upper) && digit || lower && upper || other && (lower || upper || digit) { return true }
        return value.count >= 16 && entropy(value) > 3.5
    }

    /// Shannon entropy of `value`'s bytes, in bits per byte.
    static func entropy(_ value: UnsafeBufferPointer<UInt8>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in value { counts[Int(byte)] += 1 }
        let length = Double(value.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let share = Double(count) / length
            return sum - share * log2(share)
        }
    }
}
