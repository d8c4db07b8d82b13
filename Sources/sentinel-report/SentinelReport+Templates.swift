import ArgumentParser
import Foundation
import PostMortem
import Templates

extension SentinelReport {
    /// `sentinel-report templates`: list, check and copy template sets.
    struct TemplatesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "templates",
            abstract: "Lists, checks and copies the post-mortem templates.",
            discussion: """
                Examples:
                  sentinel-report templates list
                  sentinel-report templates init my-templates --locale es
                  sentinel-report templates check my-templates --locale es
                """,
            subcommands: [List.self, Check.self, Init.self])
    }
}

extension SentinelReport.TemplatesCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lists the built-in template sets, their files and their per-type documents.",
            discussion: "Example:\n  sentinel-report templates list")

        func run() throws {
            for locale in TemplateSet.builtInLocales {
                let set = try TemplateSet.load(locale: locale)
                let fallback = locale == TemplateSet.baseLocale ? "" : ", anything it lacks from templates/\(TemplateSet.baseLocale)/"
                print("\(locale) (--locale \(locale)): templates/\(locale)/\(fallback)")
                for name in set.documentNames {
                    let kind =
                        name.hasPrefix("types/") ? "the document for incident_type '\(name.dropFirst("types/".count))'" : "the document"
                    let sections = set.layouts[name]?.sections.joined(separator: ", ") ?? ""
                    print("  \(name).mustache  (\(kind): \(sections))")
                }
                for name in set.sources.keys.sorted() where set.layouts[name] == nil {
                    print("  \(name).mustache")
                }
                print("  \(Strings.fileName)  (headings, status and severity names, units, labels, page and index words)")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks a template folder: every file parses, renders, and uses only known variables.",
            discussion: """
                Parses every file (the folder's, and the built-in ones it does not replace), renders every \
                document against sample incidents that fill in every variable, and reports each variable \
                name that the model does not provide (swift-mustache would render it as nothing). Exits \
                with 1 when it finds a problem.

                Examples:
                  sentinel-report templates check my-templates
                  sentinel-report templates check --locale es
                """)

        @Argument(help: ArgumentHelp("The folder to check; without it, the built-in set.", valueName: "dir"))
        var directory: String?

        @OptionGroup var localeOption: LocaleOption
        var locale: String { localeOption.locale }

        func run() throws {
            let set: TemplateSet
            do {
                set = try TemplateSet.load(locale: locale, overrides: directory.map { URL(fileURLWithPath: $0) })
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
            let settings = ReportSettings(strings: set.strings)
            let generator = PostMortemGenerator(templates: set, settings: settings, connectionString: nil)
            var problems: [String] = []
            for incident in SampleIncidents.all where generator.document(for: incident).text.isEmpty {
                problems.append("rendering the sample incident \(incident.id) gave an empty document")
            }
            let model = SampleIncidents.model(
                generator: .init(version: SentinelReportVersion.current, templateSet: set.name), settings: settings)
            for unknown in TemplateLint.unknownNames(in: set, documents: set.documentNames + [TemplateSet.earlierName], model: model) {
                var located = unknown
                located.template = set.origins[unknown.template] ?? unknown.template
                problems.append(located.description)
            }
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            let scope = directory.map { "\($0) (over the built-in \(locale) set)" } ?? "the built-in \(locale) set"
            print(
                "\(set.sources.count) templates checked in \(scope): \(problems.isEmpty ? "no problems" : "\(problems.count) problem(s)").")
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes the built-in templates to a folder, to start customising them.",
            discussion: """
                Writes every file of the chosen built-in locale (templates and strings.json); existing \
                files are never overwritten. Keep only the files you change: the rest falls back to the \
                built-in set. To add a language, write a set into a folder named after it and translate it.

                Examples:
                  sentinel-report templates init my-templates/es --locale es
                  sentinel-report generate --templates my-templates --locale es
                  sentinel-report templates init my-templates/fr --locale en   # then translate it
                  sentinel-report generate --templates my-templates --locale fr
                """)

        @Argument(help: ArgumentHelp("The folder to write to; created if missing.", valueName: "dir"))
        var directory: String

        @OptionGroup var localeOption: LocaleOption
        var locale: String { localeOption.locale }

        func run() throws {
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            guard TemplateSet.builtInLocales.contains(locale) else {
                throw ValidationError(
                    "--locale must be a built-in locale to copy: \(TemplateSet.builtInLocales.joined(separator: ", ")).")
            }
            let files = try TemplateSet.load(locale: locale).files.sorted { $0.key < $1.key }
                .map { (url: root.appendingPathComponent($0.key), text: $0.value) }
            let existing = files.filter { FileManager.default.fileExists(atPath: $0.url.path) }
            guard existing.isEmpty else {
                let names = existing.map(\.url.path).joined(separator: ", ")
                FileHandle.standardError.write(
                    Data("sentinel-report: not overwriting existing files: \(names). Choose an empty folder.\n".utf8))
                throw ExitCode(1)
            }
            do {
                for file in files {
                    try FileManager.default.createDirectory(
                        at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.text.utf8).write(to: file.url, options: .withoutOverwriting)
                }
            } catch {
                FileHandle.standardError.write(
                    Data("sentinel-report: cannot write the templates to \(root.path): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
            print("Wrote \(files.count) \(locale) files (templates and \(Strings.fileName)) to \(root.path).")
        }
    }
}
