import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over every core, results in input order, so output stays deterministic.
    ///
    /// For work that is independent per element: parsing and detecting each story, rendering
    /// each page, checking each page of a built site. Elements are handed out in chunks, so
    /// that tiny elements do not pay a thread hop each.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                slots[index] = transform(self[index])
            }
        }
        return slots.takeValues()
    }
}

/// One slot per result. Each slot is written by exactly one iteration and read only after
/// `concurrentPerform` has returned, so the slots need no lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    /// Whether the results were moved out, which leaves the buffer uninitialised.
    private var taken = false

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        if !taken { buffer.deinitialize() }
        buffer.deallocate()
    }

    subscript(index: Int) -> T? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// The results, moved rather than copied: a copy of a large value retains each of its
    /// parts once more, only for the slot's copy to release them again.
    func takeValues() -> [T] {
        taken = true
        return [T](unsafeUninitializedCapacity: buffer.count) { values, initialized in
            for index in buffer.indices {
                (values.baseAddress! + index).initialize(to: (buffer.baseAddress! + index).move()!)
            }
            initialized = buffer.count
        }
    }
}
