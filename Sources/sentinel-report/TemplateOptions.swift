import ArgumentParser
import Foundation
import Templates

/// `--templates` and `--locale`: which templates and words documents, pages and indexes use.
struct TemplateOptions: ParsableArguments {
    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "A folder of locale folders (en/, fr/…) whose files replace built-in ones of the same name; "
                + "or, as written by earlier versions, of the chosen locale's files.",
            valueName: "dir"))
    var directory: String?

    @OptionGroup var localeOption: LocaleOption
    var locale: String { localeOption.locale }

    func validate() throws {
        guard !TemplateSet.builtInLocales.contains(locale) else { return }
        let folder = directory.map { URL(fileURLWithPath: $0).appendingPathComponent(locale).path }
        var isDirectory: ObjCBool = false
        guard let folder, FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError(
                "--locale \(locale): there is no built-in set for it (\(TemplateSet.builtInLocales.joined(separator: ", "))) "
                    + "and no folder \(locale)/ under --templates. To add one: sentinel-report templates init DIR/\(locale) --locale en, "
                    + "translate it, then pass --templates DIR.")
        }
    }

    /// Loads and parses the set; a broken template ends the run here, before any database access.
    func templates() throws -> TemplateSet {
        try TemplateSet.load(locale: locale, overrides: directory.map { URL(fileURLWithPath: $0) })
    }
}

/// `--locale`: which language a command writes in.
struct LocaleOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The language: en, es, or any locale folder under --templates (falling back to English).", valueName: "locale"))
    var locale = TemplateSet.baseLocale
}
