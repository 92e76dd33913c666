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
        guard text.utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
