/// What one HTML page holds that the site-wide checks need, plus the problems found in the page
/// itself. Made by `HTMLPageScanner`; small enough to keep for every page of a large site.
struct PageScan: Sendable {
    /// An `href` or `src` value and where its element starts.
    struct Reference: Sendable, Hashable {
        var url: String
        var line: Int
        var column: Int
    }

    /// Every `id`, and every `name` of an `<a>`: what a `#fragment` may point at.
    var anchors: Set<String> = []
    /// `href` and `src` values in document order (`<base href>` is not a link).
    var references: [Reference] = []
    /// The `href` of `<link rel="canonical">`, if any.
    var canonical: String?
    /// Markup problems: parse errors, elements never closed, duplicate ids.
    var diagnostics: [Diagnostic] = []
}
