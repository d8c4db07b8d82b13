import ArgumentParser

/// The `sentinel-report` command: post-mortems for Sentinel's resolved incidents.
@main
struct SentinelReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentinel-report",
        abstract: "Writes markdown post-mortems for Sentinel's resolved incidents, and HTML for wikis.",
        discussion: """
            Reads incidents and their status timelines from Sentinel's PostgreSQL database, renders a \
            post-mortem for each from templates, and stores it in incidents.post_mortem_md.

            Examples:
              sentinel-report generate                      # nightly: every resolved incident without one
              sentinel-report render 3f2b8c1e-9d4a-4e6f-8a1b-2c3d4e5f6a7b
              sentinel-report generate --output wiki --html

            Exit status: 0 done, 1 some incidents failed, 2 fatal error, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [Generate.self, Render.self, Export.self, TemplatesCommand.self]
    )
}
