import PostMortem
import Templates

extension Strings {
    /// The built-in strings of `locale`.
    public static func builtIn(_ locale: String = TemplateSet.baseLocale) -> Strings {
        try! TemplateSet.load(locale: locale).strings
    }
}

extension ReportSettings {
    /// Settings with the built-in strings of `locale` and nothing else changed.
    public static func builtIn(_ locale: String = TemplateSet.baseLocale) -> ReportSettings {
        ReportSettings(strings: .builtIn(locale))
    }
}
