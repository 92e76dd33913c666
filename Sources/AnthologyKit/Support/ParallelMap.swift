import Foundation

extension Array {
    /// `map` spread over every core, in order. For independent, CPU-bound work per element
    /// (parsing, detection, rendering a page); the results come back in the input's order,
    /// so output stays deterministic.
    func parallelMap<T: Sendable>(_ transform: (Element) -> T) -> [T] {
        let count = self.count
        if count < 2 { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            withoutActuallyEscaping(transform) { transform in
                // Chunks, so that tiny elements do not pay a dispatch each.
                let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
                nonisolated(unsafe) let slots = base
                nonisolated(unsafe) let work = transform
                nonisolated(unsafe) let elements = self
                let first = startIndex
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = first + count * chunk / chunks
                    let end = first + count * (chunk + 1) / chunks
                    for index in start..<end {
                        (slots + (index - first)).initialize(to: work(elements[index]))
                    }
                }
            }
            initialized = count
        }
    }
}
