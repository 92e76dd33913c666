/// What `anthology check` found.
public struct SiteCheckReport: Sendable {
    /// HTML pages read.
    public var pages: Int
    /// Links into the site followed, feed and sitemap entries included (external links are
    /// not fetched and not counted).
    public var links: Int
    /// Every problem, sorted by file and position.
    public var diagnostics: [Diagnostic]

    public init(pages: Int, links: Int, diagnostics: [Diagnostic]) {
        self.pages = pages
        self.links = links
        self.diagnostics = diagnostics.sorted()
    }

    /// "Checked 13 pages, 159 links: no problems".
    public var summary: String {
        let problems = diagnostics.isEmpty ? "no problems" : Self.count(diagnostics.count, "problem")
        return "Checked \(Self.count(pages, "page")), \(Self.count(links, "link")): \(problems)"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
