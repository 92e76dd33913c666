import Foundation

/// Turns a plain-text story into Markdown that renders exactly the words written.
///
/// Plain text goes through the same cmark-gfm pipeline as Markdown so that it gets the same
/// paragraphs and smart punctuation, but characters that Markdown would read as markup
/// (`*`, `_`, `#` at a line start, `<`, ...) are escaped, so they appear as typed.
enum PlainText {
    /// Inline characters escaped everywhere. Quotes, dashes and dots are not: smart punctuation needs them.
    private static let inlineMarkup: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "!", "|", "~", "$"]

    static func markdown(from text: String) -> String {
        let keepBreaks = !isHardWrapped(text)
        var lines: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine.last == "\r" ? String(rawLine.dropLast()) : String(rawLine)
            // Indentation would make a code block; trailing spaces a hard break.
            line = String(line.drop { $0 == " " || $0 == "\t" })
            while line.last == " " || line.last == "\t" { line.removeLast() }
            var escaped = ""
            for character in line {
                if inlineMarkup.contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
            lines.append(protectLineStart(escaped))
        }
        if keepBreaks {
            // A line break inside a paragraph is the writer's (a letter's signature, a poem):
            // a trailing backslash makes it a hard break in Markdown.
            for index in lines.indices.dropLast() where !lines[index].isEmpty && !lines[index + 1].isEmpty {
                lines[index] += "\\"
            }
        }
        return lines.joined(separator: "\n")
    }

    /// True for text wrapped at a fixed width (lines of 50 to 80 characters running on
    /// inside paragraphs), whose line breaks are not the writer's.
    static func isHardWrapped(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var continued: [Int] = []
        for index in lines.indices.dropLast() where !lines[index].isEmpty && !lines[index + 1].isEmpty {
            continued.append(lines[index].count)
        }
        guard continued.count >= 3 else { return false }
        let wrapped = continued.filter { (50...80).contains($0) }.count
        return wrapped * 10 >= continued.count * 8
    }

    /// Escapes what would start a block: headings, lists, quotes, rules, setext underlines, tables.
    private static func protectLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#+-=:".contains(first) {
            return "\\" + line
        }
        if first.isASCII, first.isNumber {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let rest = line.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return digits + "\\" + rest
            }
        }
        return line
    }
}
