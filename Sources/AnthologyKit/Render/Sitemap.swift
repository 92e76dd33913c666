/// `sitemap.xml` (sitemaps.org protocol): every page of the site, sorted, without the 404 page.
///
/// With a base URL every `<loc>` is absolute (`https://example.org/anthology/stories/x/`), as
/// search engines require. Without one, locations are relative to the site root
/// (`stories/x/`, and `./` for the home page) so that `anthology check` can still verify them;
/// a location ending in `/` stands for its `index.html`.
struct Sitemap {
    /// Paths of the pages, relative to the site root (`stories/x/index.html`).
    let pages: [String]
    let baseURL: BaseURL?

    func location(_ page: String) -> String {
        let clean = SitePaths.clean(page)
        return baseURL?.absolute(clean) ?? (clean.isEmpty ? "./" : clean)
    }

    func render() -> String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        ]
        for location in pages.filter({ $0 != SitePaths.notFound }).map(location).sorted() {
            lines.append("  <url><loc>\(XML.escape(location))</loc></url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }
}
