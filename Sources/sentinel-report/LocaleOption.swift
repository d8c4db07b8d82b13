import ArgumentParser
import Templates

/// `--locale`: which built-in template set to use, shared by every command that picks one.
struct LocaleOption: ParsableArguments {
    @Option(help: ArgumentHelp("The language of the built-in templates: en or es.", valueName: "locale"))
    var locale = "en"

    func validate() throws {
        guard TemplateSet.builtInLocales.contains(locale) else {
            throw ValidationError("--locale must be one of: \(TemplateSet.builtInLocales.joined(separator: ", ")).")
        }
    }
}
