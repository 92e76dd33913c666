import Mustache

/// The content type Anthology's templates render with: HTML, escaped by `HTML.escape`.
///
/// swift-mustache's own HTML escaping looks up every `Character` in a dictionary: it was the
/// largest single cost of rendering, and it lets a quote through when an accent follows it.
/// The library picks a template's content type only from a pragma, so `TemplateSet` adds
/// this one's pragma as a line of its own before every template it parses (and takes that
/// line off the line numbers of syntax errors).
struct HTMLContent: MustacheContentType {
    static let name = "ANTHOLOGY_HTML"

    /// The line put before each template.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// The library's registry of content types is process-wide; `static let` registers once.
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLContent(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
