/// A problem found in the input, pinned to the place an editor has to look.
///
/// Every stage reports problems as diagnostics instead of throwing at the first one,
/// so a single build run lists everything that needs fixing.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        case warning, note, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    public var severity: Severity
    /// Path as the user would type it (the folder they passed plus the file's relative path).
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based; 0 when the problem concerns the whole line or file.
    public var column: Int
    public var message: String
    /// What to do about it, in one sentence.
    public var fix: String?

    public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }

    public static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message, fix: fix)
    }

    public static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message, fix: fix)
    }

    public static func note(_ file: String, line: Int = 0, column: Int = 0, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.note, file: file, line: line, column: column, message, fix: fix)
    }

    /// `file:line:column: severity: message (fix)`, the form editors and terminals turn into links.
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        var text = "\(location): \(severity.rawValue): \(message)"
        if let fix { text += "\n    fix: \(fix)" }
        return text
    }

    /// Diagnostics sort by file, then position, so the report reads top to bottom.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.severity, lhs.message)
            < (rhs.file, rhs.line, rhs.column, rhs.severity, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics of this sorted list that the sorted list `previous` lacks: what a
    /// rebuild of the preview logs. A walk through both lists, which at 10,000 notes costs a
    /// fraction of hashing them into a set.
    func added(since previous: [Diagnostic]) -> [Diagnostic] {
        // A rebuild that changed no story's problems reports the very list it reported
        // before (`AnalysisTally`), which `==` knows at once.
        if self == previous { return [] }
        var added: [Diagnostic] = []
        var start = 0
        for diagnostic in self {
            while start < previous.count, previous[start] < diagnostic { start += 1 }
            // Diagnostics that sort alike may still differ (in their fix).
            var index = start
            while index < previous.count, !(diagnostic < previous[index]), previous[index] != diagnostic { index += 1 }
            if index == previous.count || diagnostic < previous[index] { added.append(diagnostic) }
        }
        return added
    }
}

/// Thrown when a build cannot go on; carries every problem found so far.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let lines = diagnostics.map(\.description).joined(separator: "\n")
        return "\(lines)\nbuild failed: \(errors) error\(errors == 1 ? "" : "s"); nothing was written"
    }
}
