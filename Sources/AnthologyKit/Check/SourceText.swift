/// A file's bytes with a line index, so positions the parser reports as byte offsets become the
/// 1-based line and column an editor jumps to.
///
/// Columns count characters (Unicode scalars), not bytes, as editors and libxml2 do.
struct SourceText: Sendable {
    let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The last position computed: positions are mostly asked for in increasing order, and
    /// counting columns from there keeps a page written on one long line linear.
    private var cursor = (offset: 0, line: 1, column: 1)

    /// Line and column of the byte at `offset` (clamped to the text).
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        // The last line start at or before the offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        var (from, column) = (lineStart, 1)
        if cursor.line == low + 1, cursor.offset <= offset { (from, column) = (cursor.offset, cursor.column) }
        for byte in bytes[from..<offset] where byte & 0xC0 != 0x80 {
            column += 1
        }
        cursor = (offset, low + 1, column)
        return (low + 1, column)
    }

    /// The offset of the `<` opening the tag `name` that ends at `end`, searching back no further
    /// than `floor` (where the previous tag ended). Nil for elements the parser implied.
    ///
    /// libxml2 reports a start tag once it has read its attributes, with its position at the `>`;
    /// the `<` is the nearest one before it that is followed by the element's name.
    func tagStart(named name: String, endingAt end: Int, floor: Int) -> Int? {
        let name = Array(name.utf8)
        var index = min(end, bytes.count) - 1
        while index >= max(floor, 0) {
            if bytes[index] == UInt8(ascii: "<"), startsTag(name, at: index + 1) { return index }
            index -= 1
        }
        return nil
    }

    /// The `<` of the tag whose `>` is just before `end`; nil when `end` does not follow a tag.
    func tagStart(endingAt end: Int) -> Int? {
        guard end > 0, end <= bytes.count, bytes[end - 1] == UInt8(ascii: ">") else { return nil }
        return bytes[..<end].lastIndex(of: UInt8(ascii: "<"))
    }

    /// Whether `</name>` (any case, blanks allowed before `>`) ends just before `end`.
    func endTag(named name: String, endsAt end: Int) -> Bool {
        var index = end - 1
        guard index >= 0, index < bytes.count, bytes[index] == UInt8(ascii: ">") else { return false }
        index -= 1
        while index >= 0, Self.isBlank(bytes[index]) { index -= 1 }
        let name = Array(name.utf8)
        let start = index - name.count + 1
        guard start >= 2, bytes[start - 2] == UInt8(ascii: "<"), bytes[start - 1] == UInt8(ascii: "/") else { return false }
        return matches(name, at: start)
    }

    private func startsTag(_ name: [UInt8], at index: Int) -> Bool {
        guard matches(name, at: index) else { return false }
        let after = index + name.count
        return after == bytes.count || Self.isBlank(bytes[after]) || bytes[after] == UInt8(ascii: ">") || bytes[after] == UInt8(ascii: "/")
    }

    /// ASCII case-insensitive comparison: libxml2 gives HTML names in lower case.
    private func matches(_ name: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + name.count <= bytes.count else { return false }
        for (offset, expected) in name.enumerated() {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return true
    }

    /// `text` without the ASCII whitespace HTML strips from URLs, without a trip through NSString.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else { return "" }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
