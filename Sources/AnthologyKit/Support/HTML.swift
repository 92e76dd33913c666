/// Escaping for text placed in HTML: values the templates print with `{{name}}` (through
/// `HTMLContent`) and the few bits of markup Anthology writes itself.
enum HTML {
    /// Escapes the five characters that matter in text and in quoted attribute values.
    ///
    /// It works on UTF-8 bytes, not on `Character`s: a quote followed by a combining accent is
    /// one `Character` (`"\u{301}`), which a per-character table lookup lets through unescaped,
    /// yet a browser still reads the quote and ends the attribute there. Bytes also make the
    /// common case, text with nothing to escape, a single scan with no copy.
    static func escape(_ text: String) -> String {
        var contiguous = text
        // Through the string's own buffer: the template engine escapes every value a page
        // prints, and scanning them through `utf8`'s iterator was a fortieth of rendering.
        let escaped = contiguous.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: needsEscape) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 32)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for byte in UnsafeBufferPointer(rebasing: bytes[first...]) {
                switch byte {
                case UInt8(ascii: "&"): output += "&amp;".utf8
                case UInt8(ascii: "<"): output += "&lt;".utf8
                case UInt8(ascii: ">"): output += "&gt;".utf8
                case UInt8(ascii: "\""): output += "&quot;".utf8
                case UInt8(ascii: "'"): output += "&#39;".utf8
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        return escaped ?? text
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
