import Foundation

/// The result of running the built `sentinel-report` binary.
public struct BinaryRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// The binary scripts/test built (`SENTINEL_REPORT_BINARY`), else the debug build folder's.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SENTINEL_REPORT_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/sentinel-report")
    }

    /// The binary copied alone into an empty folder, once per test process.
    ///
    /// The copy is written through a close-on-exec descriptor: a child another test spawns
    /// meanwhile must not inherit it, or running the copy fails with ETXTBSY ("Text file
    /// busy") for as long as that child lives.
    public static let isolatedBinary: Result<URL, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("sentinel-report")
        let bytes = try Data(contentsOf: binary)
        let fd = open(copy.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                offset += written
            }
        }
        return copy
    }

    /// A started process whose result ``wait()`` collects.
    public struct Running {
        let process: Process
        let folder: URL

        public func wait() throws -> BinaryRun {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: folder) }
            return BinaryRun(
                status: process.terminationStatus,
                stdout: try String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8),
                stderr: try String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8))
        }
    }

    /// Runs `executable` and waits for it to end.
    public static func run(
        _ executable: URL = binary, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL? = nil
    ) throws -> BinaryRun {
        try start(executable, arguments, environment: environment, in: directory).wait()
    }

    /// Starts `executable` with `arguments` in `directory`, with `environment` added to a clean one.
    public static func start(
        _ executable: URL = binary, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL? = nil
    ) throws -> Running {
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "PGCONNECT_TIMEOUT": "5"]
        env.merge(environment) { $1 }
        // Output goes to files, so a large output can never block the child.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        // A binary copied while another test spawns a child can still be open for writing in
        // that child until it execs (ETXTBSY, "Text file busy"); that passes within moments
        // (see ``isolatedBinary``).
        var attempt = 0
        while true {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = env
            if let directory { process.currentDirectoryURL = directory }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
                return Running(process: process, folder: folder)
            } catch let error as NSError where Self.isTextFileBusy(error) && attempt < 20 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private static func isTextFileBusy(_ error: NSError) -> Bool {
        (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { $0.domain == NSPOSIXErrorDomain && $0.code == Int(ETXTBSY) } ?? false
    }
}
