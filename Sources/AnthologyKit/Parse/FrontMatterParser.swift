import Yams

/// Splits a story into its YAML front matter and its body, and reads the front matter.
///
/// Line numbers in messages are lines of the story file, not of the YAML block,
/// so an editor can jump straight to the problem.
public struct FrontMatterParser: Sendable {
    public static let knownKeys: [String] = ["author", "characters", "cities", "date", "draft", "not", "order", "summary", "title"]

    public struct Result: Sendable {
        public var frontMatter: FrontMatter
        public var body: String
        /// Number of file lines before the body starts (front matter and its fences).
        public var bodyLineOffset: Int
        public var diagnostics: [Diagnostic]
    }

    public init() {}

    /// How plain scalars are typed: only as YAML booleans, which `draft` needs. Every other
    /// field is read as text (`title: 1984` is a title) or parsed from its text (`order`,
    /// `date`), so the default resolver's other six types (numbers, dates, nulls...) were
    /// never used, yet trying each one's regular expression on every key and value was most
    /// of the time it took to read a story's front matter.
    static let resolver = Resolver.basic.appending(.bool)

    public func parse(_ text: String, file: String) -> Result {
        guard let (yaml, body, offset) = split(text) else {
            if text.hasPrefix("---\n") || text.hasPrefix("---\r\n") {
                return Result(frontMatter: FrontMatter(), body: "", bodyLineOffset: 0, diagnostics: [
                    .error(file, line: 1, column: 1, "front matter starts here but never ends",
                           fix: "add a line with just --- after the last front matter line"),
                ])
            }
            return Result(frontMatter: FrontMatter(), body: text, bodyLineOffset: 0, diagnostics: [])
        }
        var diagnostics: [Diagnostic] = []
        let frontMatter = read(yaml, file: file, diagnostics: &diagnostics)
        return Result(frontMatter: frontMatter, body: body, bodyLineOffset: offset, diagnostics: diagnostics)
    }

    /// The story below the front matter, as `parse` returns it, without reading the YAML (for
    /// a story whose front matter the build cache already holds).
    func body(of text: String) -> String {
        split(text)?.body ?? text
    }

    /// Front matter is a `---` line at the very top and the next `---` (or `...`) line.
    ///
    /// Lines end at line-feed bytes, with a carriage return before one ignored, so a file saved
    /// with Windows line ends reads like any other. Only the front matter's lines are looked at
    /// (not the whole story's), and the body is sliced from the text, not joined again.
    private func split(_ text: String) -> (yaml: String, body: String, offset: Int)? {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while true {
            let newline = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
            let line = text[lineStart..<(newline ?? text.endIndex)].trimmingTrailingCR
            lineNumber += 1
            if let yamlStart {
                if line == "---" || line == "..." {
                    // The YAML lines without the line end before the closing fence.
                    let yaml = lineStart > yamlStart ? text[yamlStart..<utf8.index(before: lineStart)] : ""
                    let body = newline.map { String(text[utf8.index(after: $0)...]) } ?? ""
                    return (String(yaml.trimmingTrailingCR), body, lineNumber)
                }
            } else {
                guard line == "---" else { return nil }
                yamlStart = newline.map(utf8.index(after:)) ?? text.endIndex
            }
            guard let newline else { return nil }
            lineStart = utf8.index(after: newline)
        }
    }

    private func read(_ yaml: String, file: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var frontMatter = FrontMatter()
        let node: Node?
        do {
            // UTF-8, as Swift strings are: Yams's default encoding is worked out again on
            // each call from the process's whole environment, a fifth of parsing a story.
            node = try Yams.compose(yaml: yaml, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
            return frontMatter
        } catch {
            diagnostics.append(.error(file, line: 2, "front matter could not be read: \(error)",
                                      fix: "check the YAML between the --- lines"))
            return frontMatter
        }
        guard let node else { return frontMatter }
        guard let mapping = node.mapping else {
            diagnostics.append(.error(file, line: line(of: node), column: column(of: node),
                                      "front matter must be a list of `key: value` lines",
                                      fix: "write each field on its own line, for example `title: The Long Night`"))
            return frontMatter
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let at = (line: line(of: keyNode), column: column(of: keyNode))
            func expect<T>(_ result: T?, _ what: String, example: String) -> T? {
                if result == nil {
                    diagnostics.append(.error(file, line: line(of: value), column: column(of: value),
                                              "`\(key)` must be \(what)", fix: "write it as `\(key): \(example)`"))
                }
                return result
            }
            switch key {
            case "title":
                frontMatter.title = expect(text(value), "a single line of text", example: "The Long Night")
            case "author":
                frontMatter.author = expect(text(value), "a single line of text", example: "Ursula Le Guin")
            case "summary":
                frontMatter.summary = expect(text(value), "text", example: "A painter and a musician meet in Tokyo.")
            case "date":
                frontMatter.date = expect(value.scalar.flatMap { StoryDate(parsing: $0.string) },
                                          "a date written as YYYY-MM-DD", example: "2024-03-01")
            case "draft":
                frontMatter.draft = expect(value.bool, "true or false", example: "true") ?? false
            case "order":
                frontMatter.order = expect(value.int, "a whole number", example: "3")
            case "cities":
                frontMatter.cities = expect(names(value), "a list of city names", example: "[Tokyo, Lisbon]")
            case "not":
                frontMatter.not = expect(names(value), "a list of names", example: "[Mercy, Reading]") ?? []
            case "characters":
                frontMatter.characters = characters(value, file: file, diagnostics: &diagnostics)
            default:
                let suggestion = Self.nearest(key, in: Self.knownKeys)
                diagnostics.append(.warning(file, line: at.line, column: at.column,
                                            "unknown front matter key `\(key)` is ignored",
                                            fix: suggestion.map { "did you mean `\($0)`?" }
                                                ?? "known keys: \(Self.knownKeys.joined(separator: ", "))"))
            }
        }
        return frontMatter
    }

    private func characters(_ node: Node, file: String, diagnostics: inout [Diagnostic]) -> [FrontMatter.CharacterEntry]? {
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil {
            items = [node]
        } else {
            items = []
        }
        var result: [FrontMatter.CharacterEntry] = []
        for item in items {
            if let name = text(item), !name.isEmpty {
                result.append(.init(name: name))
            } else if let mapping = item.mapping, let name = mapping["name"].flatMap(text), !name.isEmpty {
                let aliases = mapping["aliases"].flatMap(names) ?? []
                result.append(.init(name: name, aliases: aliases))
                for (key, _) in mapping where key.string != "name" && key.string != "aliases" {
                    diagnostics.append(.warning(file, line: line(of: key), column: column(of: key),
                                                "unknown character key `\(key.string ?? "")` is ignored",
                                                fix: "a character takes `name` and `aliases`"))
                }
            } else {
                diagnostics.append(.error(file, line: line(of: item), column: column(of: item),
                                          "each character must be a name or `{name: ..., aliases: [...]}`",
                                          fix: "write `- Sophie Kentaro` or `- {name: Sophie Kentaro, aliases: [Sophie]}`"))
            }
        }
        if items.isEmpty {
            diagnostics.append(.error(file, line: line(of: node), column: column(of: node),
                                      "`characters` must be a list",
                                      fix: "write `characters: [Sophie Kentaro, Akira]`"))
            return nil
        }
        return result
    }

    /// A scalar as text; YAML would otherwise read `title: 1984` as a number and `title: No` as false.
    private func text(_ node: Node) -> String? {
        guard let scalar = node.scalar else { return nil }
        return scalar.string.trimmedWhitespace
    }

    private func names(_ node: Node) -> [String]? {
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
        guard let sequence = node.sequence else { return nil }
        var result: [String] = []
        for item in sequence {
            guard let name = text(item) else { return nil }
            if !name.isEmpty { result.append(name) }
        }
        return result
    }

    // The YAML block starts on line 2 of the file (after the opening ---).
    private func line(of node: Node) -> Int { (node.mark?.line ?? 0) + 1 }
    private func column(of node: Node) -> Int { node.mark?.column ?? 0 }

    /// - Parameter lineOffset: file lines before the YAML starts (1 for front matter, after its `---`).
    static func diagnostic(for error: YamlError, file: String, lineOffset: Int = 1) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            // A quote or bracket left open is only noticed where the front matter ends; the place
            // the editor must look is where it was opened, which is the context's mark.
            var at = mark
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
            if let start = context?.mark, error.isScanner || mark.line > lines { at = start }
            return .error(file, line: at.line + lineOffset, column: at.column,
                          "front matter is not valid YAML: \(detail)",
                          fix: "check the quotes, colons and indentation on this line; quote a value that contains `: ` (title: \"Dawn: A Story\")")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(file, line: context.mark.line + lineOffset, column: context.mark.column,
                          "front matter repeats the key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))",
                          fix: "keep one line per key")
        default:
            return .error(file, line: lineOffset + 1, "front matter is not valid YAML: \(error)", fix: "check the YAML between the --- lines")
        }
    }

    /// The known key closest to a misspelt one, when it is close enough to be a typo.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = scored.first, best.1 <= max(1, word.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var beforePrevious = previous
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                // Two letters swapped ("titel") is one slip, not two.
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

private extension YamlError {
    var isScanner: Bool {
        if case .scanner = self { return true }
        return false
    }
}

private extension Substring {
    var trimmingTrailingCR: Substring { last == "\r" ? dropLast() : self }
}
