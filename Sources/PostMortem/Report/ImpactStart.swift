/// When the impact started, as a person wrote it into the post-mortem's impact section: the
/// row whose first cell is the locale's label (`impact.startLabel` in strings.json), its
/// second cell a time `yyyy-mm-dd hh:mm[:ss]` in UTC.
enum ImpactStart {
    /// The time in the first of `text`'s rows labeled `label` that holds one; `nil` when none does.
    static func read(from text: String?, label: String) -> Timestamp? {
        LabeledCell.values(labeled: label, in: text).lazy.compactMap { Timestamp(utcText: $0) }.first
    }
}
