import Foundation

/// The build cache's payload as its records, in order, not yet joined (see `CacheFile` for
/// the format: a line `<name bytes> <record bytes>`, the name, the record).
///
/// A save hashes the records where they lie and streams them to the file through one small
/// buffer. Joining them first meant growing a 14 MB buffer at 10,000 stories, copying most
/// of it again as it grew: a quarter of a one-story edit's save.
struct CachePayload {
    private var names: [String] = []
    private var records: [Data] = []
    /// The payload's length in bytes, as the header gives it.
    private(set) var count = 0

    init(capacity: Int = 0) {
        names.reserveCapacity(capacity)
        records.reserveCapacity(capacity)
    }

    mutating func append(_ name: String, _ record: Data) {
        names.append(name)
        records.append(record)
        let nameBytes = name.utf8.count
        count += Self.digits(nameBytes) + 1 + Self.digits(record.count) + 1 + nameBytes + record.count
    }

    /// How many decimal digits `number` (≥ 0) is written with.
    private static func digits(_ number: Int) -> Int {
        var digits = 1, rest = number
        while rest >= 10 { rest /= 10; digits += 1 }
        return digits
    }

    /// A record's line (`<name bytes> <record bytes>\n`) and its name, replacing `line`.
    private static func line(_ name: String, _ record: Data, into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: String(name.utf8.count).utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: String(record.count).utf8)
        line.append(UInt8(ascii: "\n"))
        line.append(contentsOf: name.utf8)
    }

    /// Calls `body` with the payload's bytes, part by part, in order.
    func forEachPart(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        // Each record's line and name, gathered in one reused buffer: a `Data` made for each
        // small part was a fifth of saving, and a string for each line a tenth.
        var line: [UInt8] = []
        for (name, record) in zip(names, records) {
            Self.line(name, record, into: &line)
            try line.withUnsafeBytes(body)
            try record.withUnsafeBytes(body)
        }
    }

    /// `ContentHash.checksum(of:)` of the payload.
    var checksum: UInt64 {
        var checksum = ContentHash.Checksum()
        forEachPart { checksum.combine($0) }
        return checksum.value
    }

    /// The payload as one buffer, for tests and small caches.
    var joined: Data {
        var data = Data()
        forEachPart { data.append(contentsOf: $0) }
        return data
    }
}
