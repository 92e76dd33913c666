/// Every name a page's templates look up, read from their tags: a value whose key none of
/// them names cannot appear on the page, so it need not be put in its context, nor hashed
/// into its fingerprint (`StoryCardFields`).
///
/// A page's templates are its own and, in turn, every partial and parent they include
/// (`{{>partials/story-card}}`, `{{<layout}}`): the story page's `{{wordCount}}` says nothing
/// about the home page's cards. The scan over-approximates: it takes every word of every tag
/// but comments, whatever its place (a section, a transform's argument, a dotted path, a
/// partial's name), so a name it reports may never be looked up, but a name looked up is
/// always reported. What it does not follow makes every name count: new delimiters
/// (`{{=<% %>=}}`), and a partial named by a value (`{{>*name}}`), which could be any template.
struct TemplateNames: Sendable, Equatable {
    /// Nil when every name counts as used.
    private var names: Set<String>?

    private init(names: Set<String>?) {
        self.names = names
    }

    /// The names looked up in rendering the template `page` of `templates` (texts by the
    /// name templates are registered under).
    init(rendering page: String, in templates: [String: String]) {
        var names: Set<String> = []
        var seen: Set<String> = [page]
        var pending = [page]
        while let name = pending.popLast() {
            guard let text = templates[name] else { continue }  // a missing partial renders nothing
            guard let tags = Self.scan(text) else {
                self.init(names: nil)
                return
            }
            names.formUnion(tags.words)
            for included in tags.includes where seen.insert(included).inserted { pending.append(included) }
        }
        self.init(names: names)
    }

    func contains(_ name: String) -> Bool {
        names?.contains(name) ?? true
    }

    /// The words of the tags of `template`, and the templates it includes; nil when the scan
    /// cannot follow it.
    private static func scan(_ template: String) -> (words: Set<String>, includes: [String])? {
        var words: Set<String> = []
        var includes: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }  // not a template that parses
            let tag = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            switch tag.first {
            case "!":
                continue  // a comment
            case "=":
                return nil  // new delimiters: tags this scan would not see
            case ">", "<":
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("*") { return nil }  // a partial named by a value
                includes.append(name)
            default:
                break
            }
            // Words: what a name can be made of, split at dots, brackets and sigils.
            for word in tag.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                words.insert(String(word))
            }
        }
        return (words, includes)
    }
}
