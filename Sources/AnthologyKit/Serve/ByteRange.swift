import Foundation

/// A single byte range from a `Range` header, resolved against the file's size (RFC 9110 §14.1).
enum ByteRange: Equatable, Sendable {
    /// Serve these bytes with 206.
    case satisfiable(ClosedRange<Int>)
    /// No byte of the file is in the range: 416.
    case unsatisfiable
    /// Not a single `bytes=` range this server understands: serve the whole file with 200, as the RFC allows.
    case ignored

    init(header: String, size: Int) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes="), !trimmed.contains(",") else { self = .ignored; return }
        let spec = trimmed.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { self = .ignored; return }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        switch (Int(first), Int(last)) {
        case (nil, let suffix?) where first.isEmpty && suffix >= 0:
            // `bytes=-500`: the last 500 bytes.
            self = suffix == 0 || size == 0 ? .unsatisfiable : .satisfiable(max(0, size - suffix)...(size - 1))
        case (let start?, nil) where last.isEmpty && start >= 0:
            self = start < size ? .satisfiable(start...(size - 1)) : .unsatisfiable
        case (let start?, let end?) where start >= 0 && start <= end:
            self = start < size ? .satisfiable(start...min(end, size - 1)) : .unsatisfiable
        default:
            self = .ignored
        }
    }
}
