import Templates

extension Span.Units {
    /// The duration units of a locale's strings.
    init(_ words: Strings.DurationUnits) {
        self.init()
        days = words.days
        hours = words.hours
        minutes = words.minutes
        seconds = words.seconds
    }
}

extension Strings {
    /// `span` as a compact length in the locale's units (``Span/text(in:)``).
    func text(of span: Span) -> String {
        span.text(in: Span.Units(durationUnits))
    }
}
