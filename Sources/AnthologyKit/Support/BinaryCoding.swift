/// A compact binary encoding for the build cache (`CacheFile`).
///
/// The cache is read at the start of every `anthology build`, so reading it is on the path of
/// a one-story edit. Decoding it as JSON through `Codable` took some 0.6–0.8 s at 10,000
/// stories, most of a one-story rebuild; read field by field from bytes, it takes a few
/// tens of milliseconds. Numbers are LEB128 variable-length integers, strings are a length
/// and their UTF-8 bytes, optionals a flag, arrays a count. Nothing is self-describing: a
/// type reads its fields in the order it wrote them, and `CacheFile.formatVersion` changes
/// whenever that order does. The round-trip tests fill every field and compare.
protocol BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed)
    func write(to writer: inout BinaryWriter)
}

/// The bytes written so far; each type appends its own (`BinaryCodable.write(to:)`).
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func write(_ value: some BinaryCodable) {
        value.write(to: &self)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(contentsOf buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}

/// A cursor over what `BinaryWriter` wrote, checking every length against the bytes left: a
/// damaged or truncated record throws `Malformed` (and the cache is then ignored), it never traps.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    /// Reads from `bytes`, which must outlive the reader.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var atEnd: Bool { offset == bytes.count }

    /// How many bytes are left to read.
    var remaining: Int { bytes.count - offset }

    /// Decodes one value from the whole of `bytes`, which must hold nothing else.
    static func decode<T: BinaryCodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(Malformed) -> T {
        var reader = BinaryReader(bytes)
        let value = try T(from: &reader)
        guard reader.atEnd else { throw Malformed() }
        return value
    }

    mutating func read<T: BinaryCodable>(_: T.Type = T.self) throws(Malformed) -> T {
        try T(from: &self)
    }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        offset += 1
        return bytes[offset - 1]
    }

    /// The next `count` bytes, valid as long as the reader's bytes are.
    mutating func bytes(_ count: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        offset += count
        return UnsafeRawBufferPointer(rebasing: bytes[(offset - count)..<offset])
    }

    /// A count of bytes or items, which can be no more than the bytes left (every item takes
    /// at least one), so that a damaged count allocates nothing.
    mutating func count() throws(Malformed) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
        return Int(count)
    }
}

/// LEB128: seven bits a byte, low bits first, the high bit set on every byte but the last.
extension UInt64: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 64, by: 7) {
            let byte = try reader.byte()
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                self = value
                return
            }
        }
        throw BinaryReader.Malformed()
    }

    func write(to writer: inout BinaryWriter) {
        var value = self
        while value >= 0x80 {
            writer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        writer.append(UInt8(value))
    }
}

/// Zigzag over LEB128, so that small negative numbers stay short too.
extension Int: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let zigzag = try reader.read(UInt64.self)
        self = Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    func write(to writer: inout BinaryWriter) {
        let signed = Int64(self)
        writer.write(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }
}

extension Bool: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        switch try reader.byte() {
        case 0: self = false
        case 1: self = true
        default: throw BinaryReader.Malformed()
        }
    }

    func write(to writer: inout BinaryWriter) {
        writer.append(self ? 1 : 0)
    }
}

/// The bit pattern, as eight bytes, low first.
extension Double: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        var bits: UInt64 = 0
        for (index, byte) in try reader.bytes(8).enumerated() { bits |= UInt64(byte) << (8 * UInt64(index)) }
        self = Double(bitPattern: bits)
    }

    func write(to writer: inout BinaryWriter) {
        var bits = bitPattern
        for _ in 0..<8 {
            writer.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }
}

/// The length in bytes, then the UTF-8 bytes.
extension String: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self = String(decoding: try reader.bytes(try reader.count()), as: UTF8.self)
    }

    func write(to writer: inout BinaryWriter) {
        var text = self
        text.withUTF8 { utf8 in
            writer.write(UInt64(utf8.count))
            writer.append(contentsOf: utf8)
        }
    }
}

/// A flag, then the value when there is one.
extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self = try reader.read(Bool.self) ? try Wrapped(from: &reader) : nil
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(self != nil)
        self?.write(to: &writer)
    }
}

/// A count, then the elements.
extension Array: BinaryCodable where Element: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let count = try reader.count()
        self.init()
        reserveCapacity(count)
        for _ in 0..<count { append(try Element(from: &reader)) }
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(UInt64(count))
        for element in self { element.write(to: &writer) }
    }
}
