import Foundation
import Testing
@testable import AnthologyKit

/// An archive's list of stories is split into pages: the home page, then `page/2/`...
@Suite("Pages of stories")
struct PaginationTests {
    /// Seven stories, three to a page: pages of 3, 3 and 1.
    private func site() throws -> FixtureAnthology {
        var stories: [String: String] = [:]
        for number in 1...7 {
            stories[String(format: "%02d.md", number)] = "---\ntitle: \"Story \(number) <of> 7\"\n---\nIt rained on the harbour.\n"
        }
        let site = try FixtureAnthology(stories: stories)
        try site.build(metadata: SiteMetadata(title: "Archive", storiesPerPage: 3))
        return site
    }

    private func titles(_ page: String) -> [String] {
        page.components(separatedBy: #"<h2 class="story-card-title"><a href=""#).dropFirst()
            .map { $0.components(separatedBy: "\">")[1].components(separatedBy: "</a>")[0] }
    }

    @Test("Each page lists its share of the stories in reading order, numbered on from the page before")
    func pagesListTheirStories() throws {
        let site = try site()
        defer { site.remove() }
        let home = try site.page("index.html")
        let second = try site.page("page/2/index.html")
        let third = try site.page("page/3/index.html")
        #expect(titles(home) == ["Story 1 &lt;of&gt; 7", "Story 2 &lt;of&gt; 7", "Story 3 &lt;of&gt; 7"])
        #expect(titles(second) == ["Story 4 &lt;of&gt; 7", "Story 5 &lt;of&gt; 7", "Story 6 &lt;of&gt; 7"])
        #expect(titles(third) == ["Story 7 &lt;of&gt; 7"])
        #expect(second.contains(#"<ol class="story-list" start="4">"#))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page/4").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page/1").path))
    }

    @Test("Pages link to each other with relative links, and say which stories they hold")
    func navigation() throws {
        let site = try site()
        defer { site.remove() }
        let home = try site.page("index.html")
        let second = try site.page("page/2/index.html")
        #expect(home.contains("<title>Archive</title>"))
        #expect(second.contains("<title>Stories 4–6 of 7 · Archive</title>"))
        #expect(home.contains(#"<a rel="next" href="page/2/index.html">"#))
        #expect(!home.contains(#"rel="prev""#))
        #expect(second.contains(#"<a rel="prev" href="../../index.html">"#))
        #expect(second.contains(#"<a rel="next" href="../../page/3/index.html">"#))
        #expect(second.contains(#"<span aria-current="page">2</span>"#))
        // The site still checks clean, and the sitemap lists every page.
        let report = SiteChecker(folder: site.output).check()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.contains("<loc>page/2/</loc>") && sitemap.contains("<loc>page/3/</loc>"))
    }

    @Test("The 404 page lists the home page's stories and sends the reader there for the rest")
    func notFoundPage() throws {
        let site = try site()
        defer { site.remove() }
        let page = PageText.visible(try site.page("404.html"))
        #expect(page.contains("Stories Story 1 <of> 7 Story 2 <of> 7 Story 3 <of> 7 These are the first of 7 stories"), "\(page)")
        #expect(!page.contains("Story 4"))
        #expect(try site.page("404.html").contains(#"<a href="index.html">the home page</a>"#))
        let small = try FixtureAnthology(stories: ["a.md": "---\ntitle: Only\n---\nIt rained on the harbour.\n"])
        defer { small.remove() }
        try small.build(metadata: SiteMetadata(title: "Archive", storiesPerPage: 3))
        #expect(!(try small.page("404.html")).contains("These are the first"))
    }

    @Test("A long archive links each page to the first, the last and its neighbours, with gaps between")
    func pageWindow() throws {
        var stories: [String: String] = [:]
        for number in 1...30 {
            stories[String(format: "%02d.md", number)] = "---\ntitle: Story \(number)\n---\nIt rained on the harbour.\n"
        }
        let site = try FixtureAnthology(stories: stories)
        defer { site.remove() }
        try site.build(metadata: SiteMetadata(title: "Archive", storiesPerPage: 2))
        /// The page bar as a reader sees it: numbers, the current one in brackets, gaps as "…".
        func bar(_ path: String) throws -> String {
            let page = try site.page(path)
            let list = page.components(separatedBy: #"<nav class="pagination""#)[1].components(separatedBy: "</ul>")[0]
            return list.components(separatedBy: "<li").dropFirst().compactMap { item -> String? in
                if item.contains("pagination-gap") { return "…" }
                if item.contains("aria-current") { return "[" + item.components(separatedBy: "\">")[1].components(separatedBy: "<")[0] + "]" }
                if item.contains("rel=") { return nil }
                return item.components(separatedBy: "\">")[1].components(separatedBy: "<")[0]
            }.joined(separator: " ")
        }
        #expect(try bar("index.html") == "[1] 2 3 … 15")
        #expect(try bar("page/5/index.html") == "1 2 3 4 [5] 6 7 … 15")
        #expect(try bar("page/8/index.html") == "1 … 6 7 [8] 9 10 … 15")
        #expect(try bar("page/15/index.html") == "1 … 13 14 [15]")
        #expect(try site.page("page/8/index.html").contains(#"<a href="../../page/10/index.html">10</a>"#))
    }

    @Test("Each page links to the first, the last and up to two pages on either side")
    func linkedPages() {
        let pages = StoryPages(stories: 1_000, perPage: 50)
        #expect(pages.linkedPages(from: 1) == [1, 2, 3, 20])
        #expect(pages.linkedPages(from: 4) == [1, 2, 3, 4, 5, 6, 20])
        #expect(pages.linkedPages(from: 10) == [1, 8, 9, 10, 11, 12, 20])
        #expect(pages.linkedPages(from: 17) == [1, 15, 16, 17, 18, 19, 20])
        #expect(pages.linkedPages(from: 20) == [1, 18, 19, 20])
        #expect(StoryPages(stories: 10, perPage: 50).linkedPages(from: 1) == [1])
        #expect(StoryPages(stories: 30_000, perPage: 50).linkedPages(from: 300).count == 7)
    }

    @Test("An anthology that fits on one page has no page links")
    func onePage() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Rain on the harbour.\n", "b.md": "Fog on the pier.\n"])
        defer { site.remove() }
        try site.build()
        #expect(try !site.page("index.html").contains("pagination"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page").path))
    }

    @Test("An archive's counts group their digits, as the page labels do")
    func countsAreGrouped() {
        #expect(PageContexts.count(1, "story", "stories") == "1 story")
        #expect(PageContexts.count(10_000, "story", "stories") == "10,000 stories")
        #expect(PageContexts.count(3_619, "character", "characters") == "3,619 characters")
    }
}
