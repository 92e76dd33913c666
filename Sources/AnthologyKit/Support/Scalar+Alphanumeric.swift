extension Unicode.Scalar {
    /// The scalars of Foundation's `CharacterSet.alphanumerics` (general categories L, M and
    /// N), without its cost: on Linux every lookup goes through CoreFoundation, which made
    /// counting words a noticeable part of parsing an archive.
    var isAlphanumeric: Bool {
        if isASCII {
            return ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
        }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
