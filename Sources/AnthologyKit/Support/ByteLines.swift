import Foundation
import Glibc

/// A text file kept as its bytes, with where each of its lines starts and ends: a line is
/// read by its number, or found by binary search when the lines are sorted, without a string
/// made for every line first. Reading the gazetteer into strings and dictionaries was most of
/// a small build's time, and a tenth of the CPU time of a one-story rebuild at 10,000 stories.
///
/// Lines end at line feeds; a carriage return before one is dropped, so a file saved with
/// Windows line ends reads like any other. Empty lines and lines starting with `#` are skipped
/// and not numbered.
struct ByteLines: Sendable {
    let bytes: [UInt8]
    private let starts: [Int32]
    private let ends: [Int32]

    init(_ bytes: [UInt8]) {
        precondition(bytes.count < Int(Int32.max), "a file of more than 2 GB")
        var starts: [Int32] = []
        var ends: [Int32] = []
        bytes.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else { return }
            // Line ends found by `memchr`: a loop over the array's bytes took 4 ns a byte.
            let estimate = text.count / 16
            starts.reserveCapacity(estimate)
            ends.reserveCapacity(estimate)
            var start = 0
            while start < text.count {
                let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), text.count - start)
                var end = newline.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? text.count
                let next = end + 1
                if end > start, text[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end > start, text[start] != UInt8(ascii: "#") {
                    starts.append(Int32(start))
                    ends.append(Int32(end))
                }
                start = next
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
    }

    /// A file bundled with AnthologyKit (`Package.swift` lists them), which must be there.
    static func bundled(_ name: String, withExtension type: String) -> ByteLines {
        guard let path = Bundle.module.url(forResource: name, withExtension: type)?.path, let bytes = FileBytes.read(path) else {
            preconditionFailure("the \(name).\(type) resource is missing from the AnthologyKit bundle")
        }
        return ByteLines(bytes)
    }

    /// `lines` sorted by their bytes, ready for `firstLine(withPrefix:)` and `contains(_:)`.
    init(sorting lines: [[UInt8]]) {
        let sorted = lines.sorted { $0.lexicographicallyPrecedes($1) }
        self.init(Array(sorted.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")])
    }

    var count: Int { starts.count }

    /// These lines, sorted by their bytes: themselves if they are.
    func sorted() -> ByteLines {
        isSorted ? self : ByteLines(sorting: (0..<count).map { Array(bytes[range(of: $0)]) })
    }

    var isSorted: Bool {
        bytes.withUnsafeBufferPointer { text in
            (0..<max(count - 1, 0)).allSatisfy {
                Self.compare(UnsafeBufferPointer(rebasing: text[range(of: $0)]), UnsafeBufferPointer(rebasing: text[range(of: $0 + 1)])) <= 0
            }
        }
    }

    /// The bytes of line `index`, without its line end.
    func range(of index: Int) -> Range<Int> {
        Int(starts[index])..<Int(ends[index])
    }

    /// The tab-separated columns of line `index`, as ranges of `bytes`.
    func columns(of index: Int) -> [Range<Int>] {
        let line = range(of: index)
        var columns: [Range<Int>] = []
        var columnStart = line.lowerBound
        for position in line where bytes[position] == UInt8(ascii: "\t") {
            columns.append(columnStart..<position)
            columnStart = position + 1
        }
        columns.append(columnStart..<line.upperBound)
        return columns
    }

    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// In lines sorted by their bytes, the first that starts with `prefix`, if any.
    func firstLine(withPrefix prefix: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { text in
            prefix.withUnsafeBufferPointer { probe in
                // The first line not before `prefix`: any line starting with it sorts there.
                var low = 0
                var high = count
                while low < high {
                    let middle = (low + high) / 2
                    if Self.compare(UnsafeBufferPointer(rebasing: text[range(of: middle)]), probe) < 0 {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                guard low < count else { return nil }
                let line = range(of: low)
                guard line.count >= probe.count else { return nil }
                return Self.compare(UnsafeBufferPointer(rebasing: text[line.lowerBound..<line.lowerBound + probe.count]), probe) == 0
                    ? low : nil
            }
        }
    }

    /// In lines sorted by their bytes, whether one is exactly `line`.
    func contains(_ line: [UInt8]) -> Bool {
        guard let found = firstLine(withPrefix: line) else { return false }
        return range(of: found).count == line.count
    }

    /// Byte order, as `memcmp` then length: a prefix sorts before what it begins.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(a.count, b.count)
        if shared > 0, let left = a.baseAddress, let right = b.baseAddress {
            let order = memcmp(left, right, shared)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
