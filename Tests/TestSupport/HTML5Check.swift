import Foundation

/// Parses HTML files with html5lib (Debian's python3-html5lib), the way a browser does, and
/// returns every script element, `on*=` attribute and `javascript:` URL found.
public enum HTML5Check {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check-html5.py")

    public static func problems(in files: [URL]) throws -> [String] {
        let result = try BinaryRun.run(URL(fileURLWithPath: "/usr/bin/python3"), [script.path] + files.map(\.path))
        guard result.status == 0 || result.status == 1 else {
            throw TestDatabase.SetupError(description: "html5lib check failed to run: \(result.stderr)")
        }
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
