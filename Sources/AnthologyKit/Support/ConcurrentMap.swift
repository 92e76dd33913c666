import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` spread over every core, results in input order, so output stays deterministic.
    ///
    /// For work that is independent per element: parsing and detecting each story, rendering
    /// each page, checking each page of a built site. Each thread takes the next few elements
    /// as it becomes free, so that tiny elements do not pay a thread hop each and large ones do
    /// not leave one core working alone at the end: the site's pages were split in fixed shares,
    /// and the share holding every city page (the longest, one card per story) kept one core
    /// busy for the last second of a 10,000-story build while the other had finished.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        let threads = Swift.min(count, activeProcessors)
        // About 64 takes per thread, and at most 8 elements each.
        let step = Swift.max(1, Swift.min(8, count / (threads * 64)))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let start = next.wrappingAdd(step, ordering: .relaxed).oldValue
                guard start < count else { return }
                for index in start..<Swift.min(start + step, count) {
                    slots[index] = transform(self[index])
                }
            }
        }
        return slots.takeValues()
    }
}

/// The cores this process may use, asked once: on Linux, Foundation reads two cgroup files
/// each time it is asked, and a one-story rebuild maps some forty times.
private let activeProcessors = ProcessInfo.processInfo.activeProcessorCount

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
