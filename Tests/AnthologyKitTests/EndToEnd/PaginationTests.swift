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

    @Test("An anthology that fits on one page has no page links")
    func onePage() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Rain on the harbour.\n", "b.md": "Fog on the pier.\n"])
        defer { site.remove() }
        try site.build()
        #expect(try !site.page("index.html").contains("pagination"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page").path))
    }
}
