extension String {
    /// The text without white space or line ends at either end: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without its cost. On Linux
    /// Foundation converts the string to UTF-16 and back, which made trimming each story's
    /// prose a tenth of the parse stage.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !Self.isTrimmed($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Foundation's `whitespacesAndNewlines`: Unicode's White_Space, and the zero-width
    /// space, which Foundation still counts as a space (as Unicode did before 4.0.1).
    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}
