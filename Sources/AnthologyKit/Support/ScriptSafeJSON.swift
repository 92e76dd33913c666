/// JSON for inside an HTML `<script>` element.
///
/// Foundation's `JSONSerialization` was the largest single cost of rendering (every page has
/// JSON-LD, and the home page lists every story), and its output then had to be rescanned to
/// escape `<`, `>` and `&`. This writer does both in one pass: keys sorted, so output is
/// byte-identical between builds; `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`, so no
/// text from a story (`</script>`, `<!--`) can end the element early.
enum ScriptSafeJSON {
    static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .string(let text):
            writeString(text, into: &output)
        case .bool(let flag):
            output += (flag ? "true" : "false").utf8
        case .int(let number):
            output += String(number).utf8
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (offset, key) in object.keys.sorted().enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(object[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (offset, element) in array.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }

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
        UInt64(value).appendHex(digits: 4, to: &output)
    }
}
