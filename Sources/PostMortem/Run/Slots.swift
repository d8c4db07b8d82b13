/// A fixed number of result slots that concurrent workers fill, each its own slot.
///
/// Each index is written by exactly one worker and read only after all have finished, so the
/// unsynchronised writes never race.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        buffer[index] = value
    }

    /// Every stored value, in index order.
    var values: [Value] {
        buffer.compactMap { $0 }
    }
}
