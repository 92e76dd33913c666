/// One character of the text `TextScanner` reads, as the scanner needs it.
///
/// `Character.isLetter`, `isNumber` and `isWhitespace` are properties of a character's first
/// scalar, and every mark the scanner looks for (quotes, stops, dashes, a line break) is a
/// single scalar that no longer character can equal. So the scanner needs no `Character`
/// value: the first scalar, whether it is alone, and where the character ends (found by the
/// standard library's grapheme breaking) answer the same questions. Building a `Character`
/// and hashing it into a set for every letter of every story was most of the scanner's cost,
/// as were Unicode property lookups for plain ASCII, which are answered here directly.
struct ScannedCharacter {
    /// The character's first Unicode scalar.
    let first: Unicode.Scalar
    /// The character is that one scalar (not, say, "e" with a combining accent, or CR LF).
    let isSingleScalar: Bool
    /// Where the next character starts, as an offset in the text's UTF-8.
    let end: Int

    /// The character at UTF-8 offset `offset` of `text`, whose bytes are `bytes`; `offset`
    /// must start a character.
    ///
    /// `text` is borrowed: called for every character, an initialiser's usual owned argument
    /// cost a retain and a release of the text each time.
    @inline(__always)
    init(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, of text: borrowing String) {
        // Two ASCII scalars always have a character boundary between them, except CR LF
        // (Unicode's grapheme rules GB3 to GB999); most of the text is such pairs, read here
        // from the bytes. The rest asks the standard library's grapheme breaking.
        let byte = bytes[offset]
        if byte < 0x80 {
            let next = offset + 1
            if next == bytes.count || (bytes[next] < 0x80 && !(byte == 0x0D && bytes[next] == 0x0A)) {
                self.init(first: Unicode.Scalar(byte), isSingleScalar: true, end: next)
                return
            }
        }
        self.init(graphemeAt: offset, in: text)
    }

    private init(first: Unicode.Scalar, isSingleScalar: Bool, end: Int) {
        self.first = first
        self.isSingleScalar = isSingleScalar
        self.end = end
    }

    private init(graphemeAt offset: Int, in text: borrowing String) {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        let next = text.index(after: index)
        let scalars = text.unicodeScalars
        first = scalars[index]
        isSingleScalar = scalars.index(after: index) == next
        end = text.utf8.distance(from: text.utf8.startIndex, to: next)  // constant time for a native string
    }

    /// Equals the single-scalar character `scalar`, as `Character ==` would say.
    func `is`(_ scalar: Unicode.Scalar) -> Bool {
        isSingleScalar && first == scalar
    }

    /// Equals one of these single-scalar characters (a short list: searching it is cheaper than hashing).
    func isOne(of scalars: [Unicode.Scalar]) -> Bool {
        isSingleScalar && scalars.contains(first)
    }

    /// `Character.isUppercase` when the character is a lone ASCII scalar (only "A" to "Z" are
    /// upper case), else nil: the standard library's answer for any other lowercase letter
    /// compares strings, which is costly for a question asked of every word.
    var asciiIsUppercase: Bool? {
        guard isSingleScalar, first.isASCII else { return nil }
        return first.value >= 0x41 && first.value <= 0x5A
    }

    /// `Character.isLetter`: the first scalar is alphabetic.
    var isLetter: Bool {
        if first.isASCII {
            let lower = first.value | 0x20
            return lower >= 0x61 && lower <= 0x7A
        }
        return first.properties.isAlphabetic
    }

    /// `Character.isNumber`: the first scalar has a numeric type (in ASCII, only the digits do).
    var isNumber: Bool {
        if first.isASCII { return first.value >= 0x30 && first.value <= 0x39 }
        return first.properties.numericType != nil
    }

    /// `Character.isWhitespace`: the first scalar is white space (in ASCII, tab to carriage return, and space).
    var isWhitespace: Bool {
        if first.isASCII { return (0x09...0x0D).contains(first.value) || first.value == 0x20 }
        return first.properties.isWhitespace
    }
}
