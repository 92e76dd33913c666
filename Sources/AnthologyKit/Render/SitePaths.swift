/// Where each page lives in the output, and how pages link to each other.
///
/// Links are relative and end in `index.html`, so the site works from any sub-path of any
/// host and straight from disk (`file://`), where a link to a folder would show a listing.
enum SitePaths {
    static let home = "index.html"
    static let charactersIndex = "characters/index.html"
    static let citiesIndex = "cities/index.html"
    static let stylesheet = "assets/style.css"
    static let favicon = "assets/favicon.svg"
    /// Served by most hosts (GitHub Pages, Netlify, Cloudflare Pages) for any missing path.
    static let notFound = "404.html"
    static let feed = "feed.xml"
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"

    static func story(_ slug: String) -> String { "stories/\(slug)/index.html" }
    /// Page `number` of the list of stories: the home page is the first.
    static func storiesPage(_ number: Int) -> String { number <= 1 ? home : "page/\(number)/index.html" }
    static func character(_ slug: String) -> String { "characters/\(slug)/index.html" }
    static func city(_ slug: String) -> String { "cities/\(slug)/index.html" }

    /// Prefix that leads from a page back to the site root: "" for `index.html`,
    /// "../../" for `stories/x/index.html`.
    static func root(of page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// The address a page is known by on the web: its folder (`stories/x/`, `""` for the home
    /// page), because hosts serve `index.html` for a folder and a clean URL survives a change of
    /// server. Used only where a URL must be absolute (canonical links, feed, sitemap), never
    /// for links between pages, which keep `index.html` so that they work from disk.
    static func clean(_ page: String) -> String {
        page == "index.html" ? "" : page.hasSuffix("/index.html") ? String(page.dropLast("index.html".count)) : page
    }

    /// Fragment id of a character's or city's first mention in a story.
    static func characterAnchor(_ slug: String) -> String { "character-\(slug)" }
    static func cityAnchor(_ slug: String) -> String { "city-\(slug)" }
}
