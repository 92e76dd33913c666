/// `sitemap.xml` (sitemaps.org protocol): every page of the site, sorted, without the 404 page.
///
/// With a base URL every `<loc>` is absolute (`https://example.org/anthology/stories/x/`), as
/// search engines require. Without one, locations are relative to the site root
/// (`stories/x/`, and `./` for the home page) so that `anthology check` can still verify them;
/// a location ending in `/` stands for its `index.html`.
///
/// A sitemap may list at most 50,000 URLs, which an archive passes at about 36,000 stories
/// (a page per story, character and city). Past that, `sitemap.xml` is a sitemap index of
/// `sitemap-1.xml`, `sitemap-2.xml`..., each listing up to 50,000 pages in order. The parts sit
/// at the site root because a sitemap may only list pages at or below its own folder.
struct Sitemap {
    /// The protocol's limit on the URLs of one sitemap, and on the sitemaps of one index.
    static let urlLimit = 50_000

    /// Paths of the pages, relative to the site root (`stories/x/index.html`).
    let pages: [String]
    let baseURL: BaseURL?
    /// How many pages one file lists: `urlLimit`, or fewer in tests.
    var limit = Sitemap.urlLimit

    func location(_ page: String) -> String {
        let clean = SitePaths.clean(page)
        return baseURL?.absolute(clean) ?? (clean.isEmpty ? "./" : clean)
    }

    /// The files besides `sitemap.xml` that the sitemap of `pageCount` pages (the 404 page
    /// among them) needs: none, or its parts.
    static func parts(pageCount: Int, limit: Int = urlLimit) -> [String] {
        let listed = pageCount - 1
        guard listed > limit else { return [] }
        return (1...(listed + limit - 1) / limit).map { "sitemap-\($0).xml" }
    }

    /// `sitemap.xml`, then the parts (`parts(pageCount:)`), in that order.
    func render() -> [OutputFile] {
        let locations = pages.filter { $0 != SitePaths.notFound }.map(location).sorted()
        guard locations.count > limit else {
            return [OutputFile(path: SitePaths.sitemap, text: Self.document("urlset", "url", locations[...]))]
        }
        let parts = Self.parts(pageCount: locations.count + 1, limit: limit)
        var files = [OutputFile(path: SitePaths.sitemap, text: Self.document("sitemapindex", "sitemap", parts.map(location)[...]))]
        for (number, part) in parts.enumerated() {
            let start = number * limit
            files.append(OutputFile(path: part, text: Self.document("urlset", "url", locations[start..<min(start + limit, locations.count)])))
        }
        return files
    }

    /// A `<urlset>` of `<url>` entries or a `<sitemapindex>` of `<sitemap>` entries, each
    /// holding its `<loc>`.
    private static func document(_ root: String, _ entry: String, _ locations: ArraySlice<String>) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<\#(root) xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        ]
        for location in locations {
            lines.append("  <\(entry)><loc>\(XML.escape(location))</loc></\(entry)>")
        }
        lines.append("</\(root)>")
        return lines.joined(separator: "\n") + "\n"
    }
}
