import Foundation
import PackagePlugin

/// Embeds the package's top-level `templates/` folder into the target as Swift source.
///
/// The generated file holds every `*.mustache` and `strings.json` file as a string literal, so the built binary
/// needs no resource bundle and works when copied alone into an empty folder.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        let inputs = try Self.templateFiles(under: templates)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) template files",
                executable: try context.tool(named: "embed-templates").url,
                arguments: [templates.path(), output.path()],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private static func templateFiles(under root: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" || $0.lastPathComponent == "strings.json" }
    }
}
