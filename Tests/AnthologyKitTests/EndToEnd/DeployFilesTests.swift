import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AnthologyKit

/// The files that make `public/` deployable anywhere: 404 page, sitemap, robots.txt, Atom feed,
/// favicon, and each page's metadata, with and without a base URL.
@Suite("Deploy files")
struct DeployFilesTests {
    static let base = "https://example.org/anthology/"

    static func harbour(metadata: SiteMetadata?) throws -> FixtureAnthology {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        try site.build(metadata: metadata)
        return site
    }

    static func withBase(title: String = "Harbour Lights") throws -> SiteMetadata {
        SiteMetadata(title: title, description: "Ports & the people who wait in them.", author: "The Editors",
                     language: "pt-PT", baseURL: try BaseURL(validating: base))
    }

    static func pages(_ site: FixtureAnthology) -> [String] {
        site.files().filter { $0.hasSuffix(".html") }
    }

    /// `stories/x/` → `stories/x/index.html`, the page a location names.
    static func file(forLocation location: String) -> String {
        let path = location == "./" ? "" : location
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    // MARK: - With a base URL

    @Test("With a base URL every page has a clean absolute canonical link and og:url; links stay relative")
    func canonicalLinks() throws {
        let site = try Self.harbour(metadata: Self.withBase())
        defer { site.remove() }
        for page in Self.pages(site) where page != "404.html" {
            let html = try site.page(page)
            let expected = Self.base + SitePaths.clean(page)
            #expect(html.contains(#"<link rel="canonical" href="\#(expected)">"#), "\(page)")
            #expect(html.contains(#"<meta property="og:url" content="\#(expected)">"#), "\(page)")
            #expect(html.contains(#"<html lang="pt-PT">"#), "\(page)")
            #expect(html.contains(#"<meta property="og:locale" content="pt_PT">"#), "\(page)")
            #expect(!PageText.links(html).contains { $0.hasPrefix(Self.base) && !html.contains("rel=\"canonical\" href=\"\($0)\"") },
                    "\(page) links to an absolute internal URL")
        }
        #expect(try site.page("index.html").contains(#"<link rel="canonical" href="https://example.org/anthology/">"#))
        #expect(try PageText.brokenLinks(in: site) == [])
    }

    @Test("Past the limit of one sitemap, sitemap.xml indexes parts that list every page once, in order")
    func sitemapIndex() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        var options = site.options
        options.metadata = try Self.withBase()
        options.sitemapLimit = 4
        options.cacheFolder = site.root.appendingPathComponent(".anthology-cache")  // as the command line builds
        try Builder(options: options).build()
        let index = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("sitemap.xml")))
        #expect(index.root == "sitemapindex" && index.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let pages = Self.pages(site).filter { $0 != "404.html" }.map { Self.base + SitePaths.clean($0) }.sorted()
        let parts = (1...(pages.count + 3) / 4).map { "sitemap-\($0).xml" }
        #expect(index.texts(of: "loc") == parts.map { Self.base + $0 })
        let listed = try parts.map { try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent($0))).texts(of: "loc") }
        #expect(listed.allSatisfy { (1...4).contains($0.count) }, "\(listed)")
        #expect(listed.flatMap { $0 } == pages)
        #expect(SiteChecker(folder: site.output, display: "public").check().diagnostics == [])
        // An edit that keeps every page keeps the parts.
        try site.edit("seeds/02-night-market.md") { $0 + "\nThe stalls closed at dawn.\n" }
        try Builder(options: options).build()
        #expect(try parts.map { try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent($0))).texts(of: "loc") } == listed)
        #expect(SiteChecker(folder: site.output, display: "public").check().diagnostics == [])

        // Back under the limit: one sitemap again, and the parts are gone.
        options.sitemapLimit = Sitemap.urlLimit
        try Builder(options: options).build()
        #expect(try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("sitemap.xml"))).texts(of: "loc") == pages)
        #expect(!site.files().contains { $0.hasPrefix("sitemap-") })
    }

    @Test("With a base URL the sitemap and robots.txt are absolute and every location exists")
    func sitemapAndRobots() throws {
        let site = try Self.harbour(metadata: Self.withBase())
        defer { site.remove() }
        let locations = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("sitemap.xml"))).texts(of: "loc")
        #expect(locations.count == Self.pages(site).count - 1)  // every page but 404.html
        #expect(locations == locations.sorted())
        #expect(locations.first == Self.base)
        for location in locations {
            #expect(location.hasPrefix(Self.base) && location.hasSuffix("/"), "\(location)")
            #expect(site.exists(Self.file(forLocation: String(location.dropFirst(Self.base.count)))), "\(location)")
        }
        #expect(!locations.contains { $0.contains("404") })
        #expect(try site.page("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/anthology/sitemap.xml\n")
    }

    @Test("The feed is Atom with one entry per story, absolute links, stable ids and dates from the stories")
    func feedWithBase() throws {
        let site = try Self.harbour(metadata: Self.withBase())
        defer { site.remove() }
        let feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.root == "feed" && feed.namespace == "http://www.w3.org/2005/Atom")
        #expect(feed.texts(of: "title") == ["Harbour Lights", "The Last Ferry", "Night Market", "Oskar and Freya"])
        #expect(feed.texts(of: "subtitle") == ["Ports & the people who wait in them."])
        #expect(feed.texts(of: "id") == ["urn:anthology:harbour-lights", "urn:anthology:harbour-lights:stories:the-last-ferry",
                                         "urn:anthology:harbour-lights:stories:night-market",
                                         "urn:anthology:harbour-lights:stories:oskar-and-freya"])
        // The dated story's date; the undated ones take the newest date, never the clock.
        #expect(feed.texts(of: "updated") == Array(repeating: "2023-05-14T00:00:00Z", count: 4))
        #expect(feed.texts(of: "published") == ["2023-05-14T00:00:00Z"])
        #expect(feed.texts(of: "name") == ["The Editors", "M. Quill"])
        #expect(feed.texts(of: "summary").first == "A ferry captain's final crossing of the Tagus.")
        let links = feed.attributes("href", of: "link")
        #expect(links == [Self.base + "feed.xml", Self.base, Self.base + "stories/the-last-ferry/",
                          Self.base + "stories/night-market/", Self.base + "stories/oskar-and-freya/"])
        // Every page points at the feed and the favicon, relatively.
        for page in Self.pages(site) {
            let html = try site.page(page)
            let root = SitePaths.root(of: page)
            #expect(html.contains(#"<link rel="alternate" type="application/atom+xml" title="Harbour Lights" href="\#(root)feed.xml">"#), "\(page)")
            #expect(html.contains(#"<link rel="icon" type="image/svg+xml" href="\#(root)assets/favicon.svg">"#), "\(page)")
        }
        #expect(site.exists("assets/favicon.svg"))
    }

    @Test("The 404 page is a page of the site that links home, with <base> when the base URL is known")
    func notFoundPage() throws {
        let site = try Self.harbour(metadata: Self.withBase())
        defer { site.remove() }
        let html = try site.page("404.html")
        #expect(html.contains(#"<base href="https://example.org/anthology/">"#))
        #expect(html.contains(#"<meta name="robots" content="noindex">"#))
        #expect(!html.contains("rel=\"canonical\"") && !html.contains("og:url"))
        #expect(PageText.links(html).contains("index.html"))
        #expect(html.contains(#"href="assets/style.css""#))
        #expect(!PageText.links(html).contains { $0.hasPrefix("#") }, "a fragment link would follow <base> home")
        #expect(PageText.visible(html).contains("Page not found"))
    }

    // MARK: - Without a base URL

    @Test("Without a base URL there is no canonical link or og:url, the sitemap is relative and robots.txt names no sitemap")
    func withoutBaseURL() throws {
        let site = try Self.harbour(metadata: nil)
        defer { site.remove() }
        for page in Self.pages(site) {
            let html = try site.page(page)
            #expect(!html.contains("rel=\"canonical\""), "\(page)")
            #expect(!html.contains("og:url"), "\(page)")
            #expect(!html.contains("<base "), "\(page)")
            #expect(html.contains(#"<html lang="en">"#), "\(page)")
            #expect(!html.contains("://example"), "\(page)")
        }
        let locations = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("sitemap.xml"))).texts(of: "loc")
        #expect(locations.first == "./")
        #expect(locations.contains("stories/the-last-ferry/"))
        for location in locations {
            #expect(!location.contains(":") && !location.hasPrefix("/"), "\(location)")
            #expect(site.exists(Self.file(forLocation: location)), "\(location)")
        }
        #expect(try site.page("robots.txt") == "User-agent: *\nAllow: /\n")
        let feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.attributes("href", of: "link") == ["./", "stories/the-last-ferry/", "stories/night-market/", "stories/oskar-and-freya/"])
        #expect(feed.texts(of: "id").first == "urn:anthology:anthology")
        #expect(feed.texts(of: "name") == ["Anthology", "M. Quill"])  // the title stands in for a missing author
    }

    @Test("A feed of undated stories has a fixed date, so builds stay byte-identical")
    func undatedFeed() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Marguerite waited at the ferry landing while the gulls argued over bread."])
        defer { site.remove() }
        try site.build()
        let feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.texts(of: "updated") == ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"])
        let first = try site.page("feed.xml")
        try site.build()
        #expect(try site.page("feed.xml") == first)
    }

    @Test("A feed shorter than the anthology lists its newest stories, in reading order")
    func feedLimit() throws {
        func story(_ title: String, _ date: String?, order: Int? = nil) -> String {
            "---\ntitle: \(title)\n\(date.map { "date: \($0)\n" } ?? "")\(order.map { "order: \($0)\n" } ?? "")---\n"
                + "Marguerite waited at the ferry landing in Lisbon.\n"
        }
        let site = try FixtureAnthology(stories: ["a.md": story("Oldest", "2021-01-01"), "b.md": story("Newest", "2023-06-01"),
                                                  "c.md": story("Middle", "2022-03-03"), "d.md": story("Undated", nil)])
        defer { site.remove() }
        // Reading order is Oldest, Middle, Newest, Undated; the undated story counts as of the newest date.
        try site.build(metadata: SiteMetadata(title: "Harbour Lights", feedLimit: 3))
        var feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.texts(of: "title") == ["Harbour Lights", "Middle", "Newest", "Undated"])
        #expect(feed.texts(of: "updated").first == "2023-06-01T00:00:00Z")
        // Among equal dates the later story in reading order is the newer.
        try site.build(metadata: SiteMetadata(title: "Harbour Lights", feedLimit: 1))
        feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.texts(of: "title") == ["Harbour Lights", "Undated"])
        // A story placed first by `order` but dated last is among the newest all the same.
        try site.write(story("Serial", "2024-02-02", order: 1), to: "seeds/e.md")
        try site.build(metadata: SiteMetadata(title: "Harbour Lights", feedLimit: 3))
        feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.texts(of: "title") == ["Harbour Lights", "Serial", "Newest", "Undated"])
    }

    // MARK: - Structured data and escaping

    /// The JSON-LD object of a page.
    static func jsonLD(_ site: FixtureAnthology, _ page: String) throws -> [String: Any] {
        let html = try site.page(page)
        let scripts = PageText.jsonLD(html)
        #expect(scripts.count == 1, "\(page)")
        let data = Data(try #require(scripts.first).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(page)")
    }

    @Test("Every page has schema.org JSON-LD: Book, ShortStory, Person, City")
    func structuredData() throws {
        let site = try Self.harbour(metadata: Self.withBase())
        defer { site.remove() }
        for page in Self.pages(site) {
            let object = try Self.jsonLD(site, page)
            #expect(object["@context"] as? String == "https://schema.org", "\(page)")
        }
        let book = try Self.jsonLD(site, "index.html")
        #expect(book["@type"] as? String == "Book")
        #expect((book["hasPart"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["The Last Ferry", "Night Market", "Oskar and Freya"])
        #expect(book["url"] as? String == Self.base)

        let story = try Self.jsonLD(site, "stories/the-last-ferry/index.html")
        #expect(story["@type"] as? String == "ShortStory")
        #expect(story["datePublished"] as? String == "2023-05-14")
        #expect((story["author"] as? [String: Any])?["name"] as? String == "M. Quill")
        #expect((story["wordCount"] as? Int ?? 0) > 0)
        #expect((story["character"] as? [[String: Any]])?.first?["name"] as? String == "Marta Vidal")
        #expect((story["character"] as? [[String: Any]])?.first?["url"] as? String == Self.base + "characters/marta-vidal/")
        let lisbon = try #require((story["contentLocation"] as? [[String: Any]])?.first)
        #expect(lisbon["@type"] as? String == "City" && lisbon["name"] as? String == "Lisbon")
        #expect((lisbon["containedInPlace"] as? [String: Any])?["name"] as? String == "Portugal")
        // A story without an author is credited to the anthology's author.
        let market = try Self.jsonLD(site, "stories/night-market/index.html")
        #expect((market["author"] as? [String: Any])?["name"] as? String == "The Editors")

        let tomas = try Self.jsonLD(site, "characters/tomas-reis/index.html")
        #expect(tomas["@type"] as? String == "Person" && tomas["name"] as? String == "Tomás Reis")
        #expect(tomas["alternateName"] as? [String] == ["Tomás"])
        let city = try Self.jsonLD(site, "cities/bergen/index.html")
        #expect(city["@type"] as? String == "City")
        #expect((city["containedInPlace"] as? [String: Any])?["name"] as? String == "Norway")
        #expect(try Self.jsonLD(site, "characters/index.html")["@type"] as? String == "CollectionPage")
    }

    @Test("A hostile title cannot end the JSON-LD script, and reads back exactly from JSON, HTML and the feed")
    func hostileTitle() throws {
        let hostile = "</script><script>alert(1)</script><!-- & \"quotes\""
        let story = """
            ---
            title: '\(hostile)'
            summary: '\(hostile)'
            ---
            Marguerite waited at the ferry landing while the gulls argued over a crust of bread.
            """
        let site = try FixtureAnthology(stories: ["hostile.md": story])
        defer { site.remove() }
        try site.build(metadata: try Self.withBase(title: hostile))
        for page in Self.pages(site) {
            let html = try site.page(page)
            let script = try #require(PageText.jsonLD(html).first, "\(page)")
            #expect(!script.contains("<") && !script.contains(">") && !script.contains("&"), "\(page)")
            #expect(html.components(separatedBy: "</script>").count == 2, "\(page) has a second script end")
            #expect(html.components(separatedBy: "<script").count == 2, "\(page) has a second script")
            let object = try Self.jsonLD(site, page)
            // The anthology's title, in the object itself (home) or in `isPartOf`; people and cities have neither.
            let anthology = object["@type"] as? String == "Book" ? object : object["isPartOf"] as? [String: Any]
            if let anthology { #expect(anthology["name"] as? String == hostile, "\(page)") }
        }
        let storyPage = try #require(Self.pages(site).first { $0.hasPrefix("stories/") })
        #expect(try Self.jsonLD(site, storyPage)["name"] as? String == hostile)
        #expect(PageText.visible(try site.page(storyPage)).contains(hostile))
        let feed = try XMLDocumentReader(data: Data(contentsOf: site.output.appendingPathComponent("feed.xml")))
        #expect(feed.texts(of: "title") == [hostile, hostile])
        #expect(feed.texts(of: "summary") == [hostile])
    }
}

/// A small reader over `XMLParser`: fails the test if the document is not well-formed XML,
/// and collects element texts and attributes in document order.
final class XMLDocumentReader: NSObject, XMLParserDelegate {
    private(set) var root = ""
    private(set) var namespace = ""
    private var elements: [(name: String, attributes: [String: String], text: String)] = []
    private var open: [Int] = []

    init(data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.propertyListReadCorrupt)
        }
    }

    func texts(of name: String) -> [String] {
        elements.filter { $0.name == name }.map(\.text)
    }

    func attributes(_ attribute: String, of name: String) -> [String] {
        elements.filter { $0.name == name }.compactMap { $0.attributes[attribute] }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root.isEmpty {
            root = elementName
            namespace = namespaceURI ?? ""
        }
        elements.append((elementName, attributes, ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if let last = open.popLast() {
            elements[last].text = elements[last].text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
