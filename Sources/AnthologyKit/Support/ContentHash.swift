import Foundation

/// A fast, unseeded 64-bit hash for telling whether content changed between builds.
///
/// Swift's `Hasher` is seeded per process, so it cannot compare with a previous run; this
/// one is stable across runs. It is not cryptographic: it only has to make accidental
/// collisions between two versions of the same page vanishingly unlikely.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public static func of(_ data: Data) -> UInt64 {
        var hash = ContentHash()
        hash.combine(data)
        return hash.value
    }

    public static func of(_ text: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(text)
        return hash.value
    }

    public var value: UInt64 { Self.mix(state) }

    public mutating func combine(_ data: Data) {
        data.withUnsafeBytes { combine(bytes: $0) }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ number: Int) {
        combine(word: UInt64(bitPattern: Int64(number)))
    }

    public mutating func combine(_ number: UInt64) {
        combine(word: number)
    }

    public mutating func combine(_ flag: Bool) {
        combine(word: flag ? 0xB0 : 0xB1)
    }

    /// Eight bytes at a time; the length goes in too, so `"ab","c"` and `"a","bc"` differ.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            combine(word: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        combine(word: tail)
        combine(word: UInt64(count))
    }

    fileprivate mutating func combine(word: UInt64) {
        state = Self.mix(state ^ word) &+ 0x9E37_79B9_7F4A_7C15
    }

    /// The finaliser of SplitMix64: every input bit affects every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ContentHash {
    /// A hash of a large buffer (the build cache's megabytes), in four lanes of eight bytes
    /// each: every step of one lane waits for the one before, and four independent lanes
    /// let the processor work on four at once. About three times as fast as `of(_:)`, and a
    /// different value: the two are not interchangeable.
    static func checksum(of data: Data) -> UInt64 {
        var checksum = Checksum()
        data.withUnsafeBytes { checksum.combine($0) }
        return checksum.value
    }

    /// `checksum(of:)` of bytes given in parts, as if they were one buffer: a save hashes the
    /// cache's records where they lie instead of joining 14 MB of them first.
    struct Checksum {
        private var lanes = (ContentHash(), ContentHash(), ContentHash(), ContentHash())
        /// The last bytes given, fewer than a block, waiting for the next part.
        private var pending: [UInt8] = []
        private var count = 0

        init() {
            pending.reserveCapacity(Self.block)
        }

        private static let block = 32

        mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var offset = 0
            if !pending.isEmpty {
                offset = min(Self.block - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<offset])
                guard pending.count == Self.block else { return }
                pending.withUnsafeBytes { Self.combineBlock($0, at: 0, into: &lanes) }
                pending.removeAll(keepingCapacity: true)
            }
            // On a copy of the lanes: updated through `self`, they were written back to memory
            // at every block, and hashing took three times as long.
            var local = lanes
            while offset + Self.block <= bytes.count {
                Self.combineBlock(bytes, at: offset, into: &local)
                offset += Self.block
            }
            lanes = local
            pending.append(contentsOf: bytes[offset...])
        }

        @inline(__always)
        private static func combineBlock(_ bytes: UnsafeRawBufferPointer, at offset: Int,
                                         into lanes: inout (ContentHash, ContentHash, ContentHash, ContentHash)) {
            lanes.0.combine(word: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1.combine(word: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2.combine(word: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3.combine(word: bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }

        /// The rest, the other lanes and the length (`combine(bytes:)` adds the rest's own).
        var value: UInt64 {
            var result = lanes.0
            pending.withUnsafeBytes { result.combine(bytes: $0) }
            for lane in [lanes.1, lanes.2, lanes.3] { result.combine(word: lane.value) }
            result.combine(word: UInt64(count))
            return result.value
        }
    }
}

extension UInt64 {
    /// Sixteen hex digits, for manifests and ETags.
    var hex: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        appendHex(digits: 16, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last `digits` lower-case hex digits, appended as bytes, for text that is built as
    /// bytes (a manifest's 14,000 hashes, JSON's `\uXXXX`) without a string for each.
    func appendHex(digits: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int(truncatingIfNeeded: self >> UInt64(shift)) & 0xF])
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
