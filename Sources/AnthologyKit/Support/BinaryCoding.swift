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

struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Zigzag, so small negative numbers stay short too.
    mutating func write(_ value: Int) {
        let signed = Int64(value)
        write(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ value: some BinaryCodable) {
        value.write(to: &self)
    }

}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left: a damaged
/// or truncated record throws `Malformed` (and the cache is then ignored), it never traps.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    /// Reads from `bytes`, which must outlive the reader.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var atEnd: Bool { offset == bytes.count }

    /// Decodes one value from the whole of `bytes`, which must hold nothing else.
    static func decode<T: BinaryCodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(Malformed) -> T {
        var reader = BinaryReader(bytes)
        let value = try T(from: &reader)
        guard reader.atEnd else { throw Malformed() }
        return value
    }

    mutating func read(_: UInt64.Type = UInt64.self) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw Malformed()
    }

    mutating func read(_: Int.Type = Int.self) throws(Malformed) -> Int {
        let zigzag = try read(UInt64.self)
        return Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    mutating func read(_: Bool.Type = Bool.self) throws(Malformed) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func read(_: Double.Type = Double.self) throws(Malformed) -> Double {
        guard bytes.count - offset >= 8 else { throw Malformed() }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func read(_: String.Type = String.self) throws(Malformed) -> String {
        let count = try count()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]), as: UTF8.self)
        offset += count
        return text
    }

    mutating func read<T: BinaryCodable>(_: T.Type = T.self) throws(Malformed) -> T {
        try T(from: &self)
    }

    /// A count of bytes or items, which can be no more than the bytes left (every item takes one).
    mutating func count() throws(Malformed) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
        return Int(count)
    }
}

extension String: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.read(String.self) }
    func write(to writer: inout BinaryWriter) { writer.write(self) }
}

extension Int: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.read(Int.self) }
    func write(to writer: inout BinaryWriter) { writer.write(self) }
}

extension UInt64: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.read(UInt64.self) }
    func write(to writer: inout BinaryWriter) { writer.write(self) }
}

extension Bool: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.read(Bool.self) }
    func write(to writer: inout BinaryWriter) { writer.write(self) }
}

extension Double: BinaryCodable {
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.read(Double.self) }
    func write(to writer: inout BinaryWriter) { writer.write(self) }
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
