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
        var output = ""
        output.reserveCapacity(256)
        return write(value, into: &output) ? output : nil
    }

    private static func write(_ value: Any, into output: inout String) -> Bool {
        switch value {
        case let text as String:
            writeString(text, into: &output)
        case let flag as Bool:
            output += flag ? "true" : "false"
        case let number as Int:
            output += String(number)
        case let number as Double:
            guard number.isFinite else { return false }
            output += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let object as [String: Any]:
            output += "{"
            for (offset, key) in object.keys.sorted().enumerated() {
                if offset > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                guard write(object[key]!, into: &output) else { return false }
            }
            output += "}"
        case let array as [Any]:
            output += "["
            for (offset, element) in array.enumerated() {
                if offset > 0 { output += "," }
                guard write(element, into: &output) else { return false }
            }
            output += "]"
        default:
            return false
        }
        return true
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var plainStart = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": escape = unicodeEscape(scalar.value)
            default: escape = scalar.value < 0x20 ? unicodeEscape(scalar.value) : nil
            }
            if let escape {
                output.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                output += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        var escape = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            escape.unicodeScalars.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return escape
    }
}
