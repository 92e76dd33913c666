// Why rendering gains less from a second core than the other stages (issue 6).
//
// The template engine (swift-mustache) looks up every value through casts of `Any` to its
// protocols (`MustacheParent`, `MustacheCustomRepresentation`, ...), and each such cast reads
// the Swift runtime's process-wide conformance cache. This program times the same failing
// cast on one thread alone, beside a thread doing arithmetic, and beside a thread casting too.
//
//   swiftc -O Benchmarks/cast-contention.swift -o /tmp/cast-contention && /tmp/cast-contention
//
// Measured on the 2-core build machine (2026-11-26): about 105 ns alone, 100 ns beside
// arithmetic, 400-490 ns beside another casting thread.
import Foundation

protocol Unrelated { func value() -> Int }

let values: [Any] = [["title": "A"] as [String: Any], "text", 42, [1, 2, 3]]
let casts = 2_000_000

/// Nanoseconds per cast of an `Any` to a protocol none of `values` conforms to.
func timeCasts() -> Double {
    let start = Date()
    var hits = 0
    for index in 0..<casts where values[index & 3] is Unrelated { hits += 1 }
    precondition(hits == 0)
    return Date().timeIntervalSince(start) / Double(casts) * 1e9
}

/// Keeps a core busy for `seconds` without touching the conformance cache.
func arithmetic(for seconds: Double) {
    let start = Date()
    var state: UInt64 = 1
    while Date().timeIntervalSince(start) < seconds {
        for _ in 0..<10_000 { state = state &* 6_364_136_223_846_793_005 &+ 1 }
    }
    precondition(state != 0)
}

print(String(format: "one thread casting alone:            %4.0f ns per cast", timeCasts()))
DispatchQueue.concurrentPerform(iterations: 2) { thread in
    if thread == 0 {
        print(String(format: "beside a thread doing arithmetic:    %4.0f ns per cast", timeCasts()))
    } else {
        arithmetic(for: 0.5)
    }
}
DispatchQueue.concurrentPerform(iterations: 2) { thread in
    let nanoseconds = timeCasts()
    if thread == 0 { print(String(format: "beside a thread casting too:         %4.0f ns per cast", nanoseconds)) }
}
