/// One replacement in a text: the UTF-8 byte range it replaced, in the text before, and how
/// many bytes replaced it. What lets the redactor move the trigger words it found instead of
/// looking for them all again after each rule (``TriggerWords/hits(_:after:in:)``).
struct TextEdit: Equatable {
    var range: Range<Int>
    var count: Int
}
