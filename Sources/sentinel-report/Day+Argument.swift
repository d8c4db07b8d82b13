import ArgumentParser
import PostMortem

/// A day on the command line, `yyyy-mm-dd`: an impossible date is a usage error (exit 64).
extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
