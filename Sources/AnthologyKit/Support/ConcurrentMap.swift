import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over every core, results in input order.
    ///
    /// For work that is independent per element and heavy enough to be worth a thread hop, such
    /// as parsing each page of a site of thousands of pages (see `SiteChecker`).
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots[index] = transform(self[index])
        }
        return slots.values
    }
}

/// One slot per result. Each slot is written by exactly one iteration and read only after
/// `concurrentPerform` has returned, so the slots need no lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    subscript(index: Int) -> T? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    var values: [T] { buffer.map { $0! } }
}
