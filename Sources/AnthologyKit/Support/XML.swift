/// Escaping for XML files (the feed and the sitemap), whose text comes from stories.
enum XML {
    /// Escapes markup characters for text and quoted attribute values, and drops the control
    /// characters XML 1.0 forbids (a stray form feed in a story would make the feed unreadable).
    static func escape(_ text: String) -> String {
        // Most text needs nothing: bytes below 0x20 (bar tab and line ends), markup
        // characters and 0xEF (which starts U+FFFE and U+FFFF) are the only ones to look at.
        let needsWork = text.utf8.contains { byte in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
                || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xEF
        }
        guard needsWork else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
