import Foundation
import Testing
@testable import AnthologyKit

/// `anthology check` on small hand-written sites: each problem is found, named by file, line and
/// column, and comes with a fix; a clean site (HTML5, folder links, queries, external links) has
/// none.
@Suite("Check")
struct CheckTests {
    // MARK: - Helpers

    /// A site in a temporary folder, checked as `site/...`.
    struct SiteFolder {
        let root: URL

        init(_ files: [String: String]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("anthology-check-\(UUID().uuidString)")
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }

        func check(baseURL: String? = nil) -> SiteCheckReport {
            SiteChecker(folder: root, display: "site", baseURL: baseURL).check()
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// A well-formed HTML5 page whose `body` starts on line 8.
    static func page(_ body: String, head: String = "") -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Test</title>\(head)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A clean site: home, both indexes, a character, a city (linked as a folder), a story with
    /// the usual kinds of links, an image with a space in its name, and the build's manifest.
    static let clean: [String: String] = [
        "index.html": page("""
            <nav><a href="characters/index.html">Characters</a> <a href="cities/index.html">Cities</a></nav>
            <main id="main"><a href="stories/one/index.html">One</a></main>
            """, head: #"<link rel="canonical" href="https://example.org/anthology/">"#),
        "characters/index.html": page(#"<ul><li><a href="ada/index.html">Ada</a><li><a href="../index.html">Home</a></ul>"#),
        "characters/ada/index.html": page("""
            <article><p><a href="../../stories/one/index.html#character-ada">First seen</a></p></article>
            """),
        "cities/index.html": page(#"<p><a href="lisbon/">Lisbon</a>"#),
        "cities/lisbon/index.html": page(#"<p>Lisbon. <a href="../../index.html?from=lisbon">Home</a></p>"#),
        "stories/one/index.html": page("""
            <article class="story">
            <p><a class="mention" id="character-ada" href="../../characters/ada/index.html">Ada</a> walked.</p>
            <figure><img src="../../assets/pic%20one.png?v=2" alt=""><figcaption>A picture</figcaption></figure>
            <p><a href="https://example.org/">Out</a> <a href="mailto:ada@example.org">Mail</a> <a href="#top">Top</a> <a href="#">Top</a></p>
            <p><a href="/cities/lisbon/index.html">From the root</a> <a href="./#character-ada">Ada again</a></p>
            </article>
            """, head: #"<link rel="stylesheet" href="//cdn.example.org/x.css">"#),
        "assets/pic one.png": "png",
        ".anthology-manifest": "# Written by Anthology\nindex.html\n",
    ]

    /// Checks `clean` with `changes` applied (nil removes a file).
    static func check(_ changes: [String: String?] = [:], baseURL: String? = nil) throws -> SiteCheckReport {
        var files = clean
        for (path, text) in changes { files[path] = text }
        let site = try SiteFolder(files)
        defer { site.remove() }
        return site.check(baseURL: baseURL)
    }

    /// The single diagnostic of a report (recorded as an issue otherwise).
    static func only(_ report: SiteCheckReport, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        #expect(report.diagnostics.count == 1, "\(report.diagnostics.map(\.description))", sourceLocation: sourceLocation)
        return report.diagnostics.first
    }

    // MARK: - A clean site

    @Test func aCleanSiteHasNoProblems() throws {
        let report = try Self.check()
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.pages == 6)
        // 3 + 2 + 1 + 1 + 1 on home, indexes, character and city; 6 in the story (not the 3 external ones).
        #expect(report.links == 14)
        #expect(report.summary == "Checked 6 pages, 14 links: no problems")
    }

    @Test func html5PagesReadClean() throws {
        let body = """
            <header class="site-header"><nav aria-label="Site"><a href="#main">Skip</a></nav></header>
            <main id="main"><section><article><time datetime="2024-03-01">1 March</time></article></section>
            <script>if (a < b && "</div>".length) { document.write("<p>"); }</script>
            <style>a > b { content: "</p>"; }</style>
            <picture><source srcset="x.webp" type="image/webp"><img src="../assets/pic%20one.png" alt=""></picture>
            <svg viewBox="0 0 1 1"><path d="M0 0"/><circle r="1"></circle></svg>
            <video controls><source src="../assets/pic%20one.png"><track kind="captions" src="../assets/pic%20one.png"></video>
            <table><tr><td>no end tags<td>here</table>
            <ul><li>one<li>two</ul><dl><dt>term<dd>definition</dl>
            <p>a<br>b<br/>c<wbr>d<hr>
            <DIV CLASS="upper">Upper case</DIV>
            <details open><summary>More</summary><p>Text &amp; entities &mdash; &#39;quoted&#39; &nbsp;</p></details>
            <label><input type="checkbox" checked disabled> done</label>
            <section class="footnotes" data-footnotes><ol><li id="fn-1"><p>Note <a href="#fnref-1" data-footnote-backref>↩</a></p></li></ol></section>
            <p><sup><a href="#fn-1" id="fnref-1">1</a></sup> Ünïcödé ✓</p>
            </main>
            """
        let report = try Self.check(["characters/index.html": Self.page(body + #"<a href="ada/index.html">Ada</a>"#)])
        #expect(report.diagnostics.map(\.description) == [])
    }

    @Test func hiddenFilesAreNotPartOfTheSite() throws {
        let report = try Self.check([
            ".anthology-manifest": "<not html at all",
            ".git/broken.html": "<p><span><a href=\"nowhere.html\">",
            "characters/.draft.html": "<div>",
        ])
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.pages == 6)

        let linked = try Self.check(["cities/lisbon/index.html": Self.page(#"<a href="../../index.html">Home</a> <a href="../../.anthology-manifest">Manifest</a>"#)])
        let diagnostic = try #require(Self.only(linked))
        #expect(diagnostic.file == "site/cities/lisbon/index.html")
        #expect(diagnostic.message.contains("site/.anthology-manifest does not exist"))
    }

    // MARK: - Links

    @Test func aBrokenLinkNamesFileLineAndNearestPath() throws {
        let report = try Self.check(["stories/one/index.html": Self.page("""
            <p><a class="mention" id="character-ada" href="../../characters/ada/index.html">Ada</a> walked.</p>
            <p>Later, <a href="../../characters/aad/index.html">Ada</a> again.</p>
            """)])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "site/stories/one/index.html")
        #expect(diagnostic.line == 9)
        #expect(diagnostic.column == 11)
        #expect(diagnostic.message == #"broken link "../../characters/aad/index.html": site/characters/aad/index.html does not exist"#)
        #expect(diagnostic.fix == "did you mean ../../characters/ada/index.html?")
        #expect(report.summary == "Checked 6 pages, 10 links: 1 problem")
    }

    @Test func suggestionsKeepTheLinksStyle() throws {
        let report = try Self.check(["cities/index.html": Self.page("""
            <p><a href="lisbn/">Lisbon</a> <a href="/cities/lisbom/index.html">Lisbon</a> <a href="../caracters/index.html">People</a></p>
            """)])
        #expect(report.diagnostics.map(\.fix) == [
            "did you mean lisbon/?", "did you mean /cities/lisbon/index.html?", "did you mean ../characters/index.html?",
        ])
        #expect(report.diagnostics.map(\.column) == [4, 32, 79])
    }

    @Test func aFarOffLinkGetsNoSuggestion() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page(#"<a href="../../index.html">Home</a> <a href="../../nothing/like/this.pdf">PDF</a>"#)])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.fix == "correct the link or remove it")
    }

    @Test func aFolderNeedsAnIndex() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page(#"<a href="../../index.html">Home</a> <a href="../../assets/">Assets</a>"#)])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.message == #"broken link "../../assets/": the folder site/assets has no index.html"#)
        #expect(diagnostic.line == 8)
    }

    @Test func aBrokenFragmentNamesTheTargetAndNearestId() throws {
        let report = try Self.check(["characters/ada/index.html": Self.page("""
            <article>
            <p><a href="../../stories/one/index.html#character-adda">First seen</a></p>
            <p><a href="#nowhere-at-all">Nowhere</a></p>
            </article>
            """)])
        #expect(report.diagnostics.count == 2)
        let first = try #require(report.diagnostics.first)
        #expect(first.file == "site/characters/ada/index.html")
        #expect(first.line == 9)
        #expect(first.message == #"broken link "../../stories/one/index.html#character-adda": site/stories/one/index.html has no element with id "character-adda""#)
        #expect(first.fix == "did you mean ../../stories/one/index.html#character-ada?")
        let second = try #require(report.diagnostics.last)
        #expect(second.line == 10)
        #expect(second.fix == #"add id="nowhere-at-all" to the element it should point at, or correct the fragment"#)
    }

    @Test func aLinkAboveTheRootEscapesTheSite() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page("""
            <p><a href="../../index.html">Home</a></p>
            <p><a href="../../../cities/lisbon/index.html">Out and back</a> <a href="/../../etc/passwd">Root</a></p>
            """)])
        #expect(report.diagnostics.count == 2)
        let first = try #require(report.diagnostics.first)
        #expect(first.file == "site/cities/lisbon/index.html")
        #expect(first.line == 9)
        #expect(first.column == 4)
        #expect(first.message == #"link "../../../cities/lisbon/index.html" escapes the site root (site)"#)
        #expect(first.fix == "did you mean index.html?")
        #expect(report.diagnostics.last?.message.contains("escapes the site root") == true)
    }

    @Test func aMalformedPercentEscape() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page(#"<a href="../../index.html">Home</a> <a href="100%.html">All</a>"#)])
        #expect(Self.only(report)?.fix == "write a literal % as %25")
    }

    // MARK: - Markup

    @Test func anElementLeftOpenIsReportedWhereItOpens() throws {
        let report = try Self.check(["stories/one/index.html": Self.page("""
            <article id="character-ada">
            <p>Ada <span class="aside">walked
            home.</p>
            <div class="story-body">
            </article>
            """)])
        #expect(report.diagnostics.map(\.message) == [
            "<span> is never closed; the parser ends it at line 10, column 6",
            "<div> is never closed; the parser ends it at line 12, column 1",
        ])
        #expect(report.diagnostics.map(\.line) == [9, 11])
        #expect(report.diagnostics.map(\.column) == [8, 1])
        #expect(report.diagnostics.first?.fix == "add </span> where the element should end")
    }

    @Test func aDivLeftOpenInsideAnArticleIsOneProblem() throws {
        // libxml2 ignores `</article>` while the div is open; HTML5 closes both there.
        let report = try Self.check(["cities/lisbon/index.html": Self.page("""
            <main>
            <article>
            <div class="story-body"><a href="../../index.html">Home</a>
            </article>
            <nav><a href="../index.html">Cities</a></nav>
            </main>
            """)])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.line == 10)
        #expect(diagnostic.message == "<div> is never closed; the parser ends it at line 11, column 1")
    }

    @Test func anElementOpenAtTheEndOfThePage() throws {
        let report = try Self.check(["cities/lisbon/index.html": "<!doctype html>\n<title>x</title>\n<main><a href=\"../../index.html\">Home</a>\n"])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.message == "<main> is never closed; the parser ends it at the end of the page")
        #expect(diagnostic.line == 3)
    }

    @Test func strayEndTagsAndBrokenAttributes() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page("""
            <p><a href="../../index.html">Home</a></p></em>
            <p class="a" class="b">Twice</p>
            <p><a href="../../index.html>Unclosed quote</a></p>
            """)])
        #expect(report.diagnostics.map(\.message) == [
            "</em> ends no open element",
            "attribute class is given twice",
            "an attribute value's quote is not closed",
        ])
        #expect(report.diagnostics.map(\.line) == [8, 9, 10])
        #expect(report.diagnostics.map(\.column) == [43, 1, 4])
        #expect(report.diagnostics.allSatisfy { $0.file == "site/cities/lisbon/index.html" && $0.fix != nil })
    }

    @Test func duplicateIdsAreReportedAtTheSecond() throws {
        let report = try Self.check(["cities/lisbon/index.html": Self.page("""
            <h1 id="lisbon">Lisbon</h1>
            <p><a href="../../index.html">Home</a></p>
            <section><h2 id="lisbon">Again</h2></section>
            """)])
        let diagnostic = try #require(Self.only(report))
        #expect(diagnostic.line == 10)
        #expect(diagnostic.column == 10)
        #expect(diagnostic.message == #"duplicate id "lisbon" (first used on line 8)"#)
    }

    // MARK: - Reachability

    @Test func characterAndCityPagesMustBeWithinTwoClicks() throws {
        let report = try Self.check([
            // Zoe is only linked from a city page: home → cities → Lisbon → Zoe. Porto from nowhere.
            "characters/zoe/index.html": Self.page(#"<a href="../../index.html">Home</a>"#),
            "cities/lisbon/index.html": Self.page(#"<a href="../../characters/zoe/index.html">Zoe</a>"#),
            "cities/porto/index.html": Self.page(#"<a href="../../index.html">Home</a>"#),
        ])
        #expect(report.diagnostics.map(\.file) == ["site/characters/zoe/index.html", "site/cities/porto/index.html"])
        #expect(report.diagnostics.map(\.line) == [0, 0])
        #expect(report.diagnostics.first?.message
            == "3 clicks from index.html (index.html → cities/index.html → cities/lisbon/index.html → characters/zoe/index.html); it must be at most 2")
        #expect(report.diagnostics.first?.fix == "link to it from characters/index.html, and link to characters/index.html from index.html")
        #expect(report.diagnostics.last?.message == "not reachable from index.html by following links")
    }

    @Test func aSiteWithoutAHomePage() throws {
        let report = try Self.check(["index.html": nil])
        #expect(report.diagnostics.contains { $0.file == "site" && $0.message == "the site has no home page (index.html)" })
    }

    @Test func aMissingFolder() {
        let report = SiteChecker(folder: URL(fileURLWithPath: "/nonexistent/anthology-check"), display: "public").check()
        #expect(report.diagnostics.map(\.description) == [
            "public: error: no such folder\n    fix: build the site first (anthology build), or pass the folder that holds it",
        ])
        #expect(report.summary == "Checked 0 pages, 0 links: 1 problem")
    }

    // MARK: - Feed and sitemap

    static let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://example.org/anthology/</loc></url>
          <url><loc>https://example.org/anthology/stories/one/</loc></url>
          <url><loc>stories/one/index.html</loc></url>
          <url><loc>cities/lisbon/</loc></url>
        </urlset>

        """

    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Anthology</title>
          <link href="https://example.org/anthology/" />
          <link rel="self" href="https://example.org/anthology/feed.xml" />
          <entry><title>One</title><link href="stories/one/" /><id>https://example.org/anthology/stories/one/</id></entry>
        </feed>

        """

    @Test func aFeedAndSitemapListingPagesThatExistAreClean() throws {
        let report = try Self.check(["sitemap.xml": Self.sitemap, "feed.xml": Self.feed])
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.links == 14 + 4 + 3)
    }

    @Test func aSitemapEntryForAMissingPage() throws {
        let sitemap = Self.sitemap.replacingOccurrences(of: "<loc>cities/lisbon/</loc>", with: "<loc>cities/lisbn/</loc>")
            .replacingOccurrences(of: "anthology/stories/one/", with: "anthology/stories/ones/")
        let report = try Self.check(["sitemap.xml": sitemap])
        #expect(report.diagnostics.map(\.file) == ["site/sitemap.xml", "site/sitemap.xml"])
        #expect(report.diagnostics.map(\.line) == [4, 6])
        #expect(report.diagnostics.map(\.column) == [8, 8])
        #expect(report.diagnostics.first?.message
            == #"broken sitemap entry "https://example.org/anthology/stories/ones/": site/stories/ones/index.html does not exist"#)
        #expect(report.diagnostics.first?.fix == "did you mean https://example.org/anthology/stories/one/?")
        #expect(report.diagnostics.last?.fix == "did you mean cities/lisbon/?")
    }

    @Test("A sitemap index's sitemaps are checked in turn, and may not be indexes themselves")
    func aSitemapIndex() throws {
        let index = """
            <?xml version="1.0" encoding="utf-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://example.org/anthology/sitemap-1.xml</loc></sitemap>
              <sitemap><loc>sitemap-2.xml</loc></sitemap>
            </sitemapindex>

            """
        let second = Self.sitemap.replacingOccurrences(of: "<loc>cities/lisbon/</loc>", with: "<loc>cities/lisbn/</loc>")
        let report = try Self.check(["sitemap.xml": index, "sitemap-1.xml": Self.sitemap, "sitemap-2.xml": second])
        #expect(report.diagnostics.map(\.description) == [
            "site/sitemap-2.xml:6:8: error: broken sitemap entry \"cities/lisbn/\": site/cities/lisbn/index.html does not exist\n    fix: did you mean cities/lisbon/?",
        ])
        #expect(report.links == 14 + 2 + 4 + 4)

        let missing = try Self.check(["sitemap.xml": index, "sitemap-1.xml": Self.sitemap])
        #expect(missing.diagnostics.map(\.file) == ["site/sitemap.xml"])
        #expect(missing.diagnostics.first?.message.contains("sitemap-2.xml") == true)

        let nested = try Self.check(["sitemap.xml": index, "sitemap-1.xml": index, "sitemap-2.xml": Self.sitemap])
        #expect(nested.diagnostics.map(\.description) == [
            "site/sitemap-1.xml: error: a sitemap index is listed by the sitemap index site/sitemap.xml\n    fix: list only sitemaps of pages (<urlset>) in a sitemap index",
        ])
    }

    @Test func absoluteEntriesMustStartWithTheBaseURL() throws {
        let foreign = try Self.check(["feed.xml": Self.feed.replacingOccurrences(of: "<link href=\"https://example.org/anthology/\" />",
                                                                                 with: "<link href=\"https://elsewhere.net/\" />")])
        let diagnostic = try #require(Self.only(foreign))
        #expect(diagnostic.file == "site/feed.xml")
        #expect(diagnostic.line == 4)
        #expect(diagnostic.message == #"feed entry "https://elsewhere.net/" is not under the site's base URL https://example.org/anthology/"#)

        // --base-url wins over the home page's canonical link.
        let overridden = try Self.check(["sitemap.xml": Self.sitemap], baseURL: "https://mirror.example.net/anthology")
        #expect(overridden.diagnostics.map(\.line) == [3, 4])

        // Without either, absolute entries cannot be checked.
        let unknown = try Self.check(["sitemap.xml": Self.sitemap, "index.html": (Self.clean["index.html"]!)
                .replacingOccurrences(of: "rel=\"canonical\"", with: "rel=\"alternate\"")])
        #expect(unknown.diagnostics.map(\.line) == [3, 4])
        #expect(unknown.diagnostics.first?.message.contains("the site's base URL is unknown") == true)
    }

    @Test func aFeedThatIsNotWellFormedOrNotAtom() throws {
        let broken = try Self.check(["feed.xml": Self.feed.replacingOccurrences(of: "<title>One</title>", with: "<title>One</titel>")])
        let diagnostic = try #require(Self.only(broken))
        #expect(diagnostic.file == "site/feed.xml")
        #expect(diagnostic.line == 6)
        #expect(diagnostic.message.hasPrefix("not well-formed XML: "))

        let rss = try Self.check(["feed.xml": "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n"])
        #expect(Self.only(rss)?.message == "not an Atom feed (<feed xmlns=\"http://www.w3.org/2005/Atom\">): its root element is <rss>")
    }

    // MARK: - Everything at once

    @Test func everyProblemIsCollectedAndSorted() throws {
        let changes: [String: String?] = [
            "stories/one/index.html": Self.page(#"<a href="../../characters/ada/index.html" id="x">Ada</a><a href="missing.html" id="x">?</a>"#),
            "characters/ada/index.html": Self.page(#"<a href="../../stories/one/index.html#nope">One</a></b>"#),
            "sitemap.xml": Self.sitemap.replacingOccurrences(of: "cities/lisbon/", with: "cities/nowhere/"),
        ]
        let first = try Self.check(changes)
        let second = try Self.check(changes)
        #expect(first.diagnostics == second.diagnostics)
        #expect(first.diagnostics == first.diagnostics.sorted())
        #expect(first.diagnostics.map(\.file) == [
            "site/characters/ada/index.html", "site/characters/ada/index.html", "site/sitemap.xml",
            "site/stories/one/index.html", "site/stories/one/index.html",
        ])
        #expect(first.summary.hasSuffix(": 5 problems"))
    }

    // MARK: - Pieces

    @Test func linksResolveAsABrowserResolvesThem() {
        let page = "stories/one/index.html"
        #expect(SiteURL.resolve("https://x.org/", on: page) == .external)
        #expect(SiteURL.resolve("//cdn.x.org/a.css", on: page) == .external)
        #expect(SiteURL.resolve("mailto:a@b.c", on: page) == .external)
        #expect(SiteURL.resolve("", on: page) == .inside(path: page, isFolder: false, fragment: nil))
        #expect(SiteURL.resolve("#a%20b", on: page) == .inside(path: page, isFolder: false, fragment: "a b"))
        #expect(SiteURL.resolve("../two/?q=1#f", on: page) == .inside(path: "stories/two", isFolder: true, fragment: "f"))
        #expect(SiteURL.resolve("../..", on: page) == .inside(path: "", isFolder: true, fragment: nil))
        #expect(SiteURL.resolve("/a/./b//c.html", on: page) == .inside(path: "a/b/c.html", isFolder: false, fragment: nil))
        #expect(SiteURL.resolve("my%20file.html", on: page) == .inside(path: "stories/one/my file.html", isFolder: false, fragment: nil))
        #expect(SiteURL.resolve("../../../x.html", on: page) == .escapes(clamped: "x.html", isFolder: false))
        #expect(SiteURL.resolve("%zz", on: page) == .malformed)
        #expect(SiteURL.relative(from: page, to: "stories/two/index.html") == "../two/index.html")
        #expect(SiteURL.relative(from: "index.html", to: "cities/x/index.html") == "cities/x/index.html")
    }

    @Test func theNearestPathPrefersSwapsAndSlugs() {
        let finder = NearestPath(paths: ["characters/akira/index.html", "characters/kai/index.html", "cities/index.html"])
        #expect(finder.nearest(to: "characters/kia/index.html") == "characters/kai/index.html")
        // One `../` too many lands in the wrong folder; the same ending finds it.
        #expect(finder.nearest(to: "stories/characters/kai/index.html") == "characters/kai/index.html")
        #expect(finder.nearest(to: "elsewhere/entirely.pdf") == nil)
        #expect(NearestPath.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), below: 10) == 3)
        #expect(NearestPath.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), below: 3) == nil)
    }
}

/// `anthology check` on sites the builder made.
@Suite("Check built sites")
struct CheckBuiltSiteTests {
    /// 1-based number of the first line of `page` containing `text`.
    static func line(of text: String, in page: String) -> Int? {
        page.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
    }

    @Test func theSeedAnthologyChecksClean() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.repository.appendingPathComponent("seeds"))
        defer { site.remove() }
        try site.build()
        let report = SiteChecker(folder: site.output, display: "public").check()
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.pages == 14)  // 3 stories, 6 characters, 1 city, home, two indexes, 404
        #expect(report.links > 100)
    }

    @Test func aStoryWithABrokenLinkBuildsButFailsTheCheck() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("broken-link"))
        defer { site.remove() }
        try site.build()
        let page = try site.page("stories/the-wrong-door/index.html")
        let line = try #require(Self.line(of: "../../characters/nobody/index.html", in: page))

        let report = SiteChecker(folder: site.output, display: "public").check()
        #expect(report.diagnostics.count == 1)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.file == "public/stories/the-wrong-door/index.html")
        #expect(diagnostic.line == line)
        #expect(diagnostic.column > 1)
        #expect(diagnostic.message == #"broken link "../../characters/nobody/index.html": public/characters/nobody/index.html does not exist"#)
    }
}
