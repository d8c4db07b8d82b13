import ArgumentParser
import Foundation

/// Runs `body`, turning any error into its description on stderr and exit status 2.
///
/// Usage errors are raised by the argument parser before this runs, with status 64.
func exitingOnFatalError<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("sentinel-report: \(error)\n".utf8))
        throw ExitCode(2)
    }
}
