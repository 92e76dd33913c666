/// The diagnostics of a build as lines to print: every error and warning, and the notes up
/// to a limit. Notes (a slug shared by two stories) grow with an archive, and thousands of
/// them would bury the one warning an editor has to act on.
public struct DiagnosticList: Sendable {
    public var diagnostics: [Diagnostic]
    /// How many notes to print in full; nil prints them all.
    public var noteLimit: Int?

    public static let defaultNoteLimit = 20

    public init(_ diagnostics: [Diagnostic], noteLimit: Int? = defaultNoteLimit) {
        self.diagnostics = diagnostics
        self.noteLimit = noteLimit
    }

    public var lines: [String] {
        var lines: [String] = []
        var notes = 0
        for diagnostic in diagnostics {
            if diagnostic.severity == .note {
                notes += 1
                if let noteLimit, notes > noteLimit { continue }
            }
            lines.append(diagnostic.description)
        }
        if let noteLimit, notes > noteLimit {
            lines.append("note: \(notes - noteLimit) more notes like these (run with --verbose to list them all)")
        }
        return lines
    }
}
