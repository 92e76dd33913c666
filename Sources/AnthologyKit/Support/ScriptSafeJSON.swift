/// JSON for inside an HTML `<script>` element, written directly from the dictionaries the
/// renderer builds.
///
/// Foundation's `JSONSerialization` was the largest single cost of rendering (every page has
/// JSON-LD, and the home page lists every story), and its output then had to be rescanned to
/// escape `<`, `>` and `&`. This writer does both in one pass: keys sorted, so output is
/// byte-identical between builds; `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`, so no
/// text from a story (`</script>`, `<!--`) can end the element early.
enum ScriptSafeJSON {
    /// Nil when `value` holds something JSON cannot represent.
    static func string(_ value: Any) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        guard write(value, into: &output) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: Any, into output: inout [UInt8]) -> Bool {
        switch value {
        case let text as String:
            writeString(text, into: &output)
        case let flag as Bool:
            output += (flag ? "true" : "false").utf8
        case let number as Int:
            output += String(number).utf8
        case let number as Double:
            guard number.isFinite else { return false }
            output += (number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)).utf8
        case let object as [String: Any]:
            output.append(UInt8(ascii: "{"))
            for (offset, key) in object.keys.sorted().enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                guard write(object[key]!, into: &output) else { return false }
            }
            output.append(UInt8(ascii: "}"))
        case let array as [Any]:
            output.append(UInt8(ascii: "["))
            for (offset, element) in array.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                guard write(element, into: &output) else { return false }
            }
            output.append(UInt8(ascii: "]"))
        default:
            return false
        }
        return true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Works on UTF-8 bytes: every byte that needs escaping is ASCII, except U+2028 and U+2029
    /// (E2 80 A8 and E2 80 A9), so everything else is copied as it is.
    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): output += #"\""#.utf8
                case UInt8(ascii: "\\"): output += #"\\"#.utf8
                case UInt8(ascii: "\n"): output += #"\n"#.utf8
                case UInt8(ascii: "\r"): output += #"\r"#.utf8
                case UInt8(ascii: "\t"): output += #"\t"#.utf8
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                    unicodeEscape(UInt32(byte), into: &output)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &output)
                    index += 2
                default:
                    output.append(byte)
                }
                index += 1
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32, into output: inout [UInt8]) {
        output += #"\u"#.utf8
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
