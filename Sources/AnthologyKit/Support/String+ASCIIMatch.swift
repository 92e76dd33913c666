/// Character comparisons with short ASCII texts (":", ", ", ". "), made by bytes.
///
/// Detection asks them of the text around every candidate name; compared as characters, each
/// question walked grapheme clusters, about a fiftieth of detection. The answers are the same:
/// an ASCII character is its byte, no other bytes are canonically equivalent to it, and only
/// a byte outside ASCII right after the text compared (a combining mark) could join its last
/// character, in which case the character comparison decides. None of the texts compared may
/// end in a carriage return, which a line feed would join.
extension String {
    /// The UTF-8 byte at `position`, nil at the end.
    func utf8Byte(at position: Index) -> UInt8? {
        position < utf8.endIndex ? utf8[position] : nil
    }

    /// `self[position...].hasPrefix(prefix)`.
    func hasASCIIPrefix(_ prefix: StaticString, at position: Index) -> Bool {
        var index = position
        for byte in Self.bytes(of: prefix) {
            guard index < utf8.endIndex, utf8[index] == byte else { return false }
            index = utf8.index(after: index)
        }
        if index < utf8.endIndex, utf8[index] >= 0x80 {
            return self[position...].hasPrefix(prefix.description)
        }
        return true
    }

    /// `self[start..<end] == ascii`: the characters of a substring end where it does, so its
    /// bytes decide.
    func isASCII(_ ascii: StaticString, from start: Index, to end: Index) -> Bool {
        utf8[start..<end].elementsEqual(Self.bytes(of: ascii))
    }

    /// `self[..<end].hasSuffix(suffix)` as far as bytes can tell: false when the bytes before
    /// `end` are not `suffix`'s. (True leaves the characters to be compared.)
    func hasASCIISuffix(_ suffix: StaticString, before end: Index) -> Bool {
        let bytes = Self.bytes(of: suffix)
        guard utf8.distance(from: utf8.startIndex, to: end) >= bytes.count else { return false }
        return utf8[utf8.index(end, offsetBy: -bytes.count)..<end].elementsEqual(bytes)
    }

    private static func bytes(of text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
}
