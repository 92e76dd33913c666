import Foundation
import Testing
@testable import AnthologyKit

/// The three seed stories, built exactly as `anthology build` builds them.
@Suite("Seed anthology")
struct SeedAnthologyTests {
    let site: FixtureAnthology

    init() throws {
        site = try FixtureAnthology(copying: FixtureAnthology.repository.appendingPathComponent("seeds"))
        try site.build()
    }

    @Test func writesAPageForEveryStoryCharacterAndCity() throws {
        defer { site.remove() }
        let pages = site.files().filter { $0.hasSuffix("index.html") }
        #expect(pages.filter { $0.hasPrefix("stories/") }.count == 3)
        #expect(Set(pages.filter { $0.hasPrefix("characters/") && $0 != "characters/index.html" }) == [
            "characters/sophie-kentaro/index.html", "characters/akira/index.html", "characters/leah-pei-ling/index.html",
            "characters/kai/index.html", "characters/nora-perin/index.html", "characters/kaito/index.html",
        ])
        #expect(pages.filter { $0.hasPrefix("cities/") } == ["cities/index.html", "cities/tokyo/index.html"])
        #expect(site.exists("index.html"))
    }

    @Test func tokyoListsBothOfItsStoriesAndItsPlaces() throws {
        defer { site.remove() }
        let tokyo = PageText.visible(try site.page("cities/tokyo/index.html"))
        #expect(tokyo.contains("Japan"))
        let storyLinks = PageText.links(try site.page("cities/tokyo/index.html")).filter { $0.contains("/stories/") }
        #expect(Set(storyLinks).count == 2)
        #expect(tokyo.contains("Shimokitazawa"))
        #expect(tokyo.contains("Sumida River"))
    }

    @Test func charactersKeepTheirAliases() throws {
        defer { site.remove() }
        let sophie = PageText.visible(try site.page("characters/sophie-kentaro/index.html"))
        #expect(sophie.contains("Also called Sophie"))
        #expect(sophie.contains("Sophie Kentaro was a free-spirited artist"))
        #expect(PageText.visible(try site.page("characters/leah-pei-ling/index.html")).contains("Also called Leah"))
        #expect(PageText.visible(try site.page("characters/nora-perin/index.html")).contains("Also called Nora"))
    }

    @Test func noPageForPlacesOrSentenceInitialWords() throws {
        defer { site.remove() }
        let slugs = site.files().compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count == 3 ? String(parts[1]) : nil
        }
        for word in ["shimokitazawa", "sumida", "sumida-river", "despite", "their", "one", "as", "together", "people"] {
            #expect(!slugs.contains(word), "unexpected page \(word)")
        }
    }

    @Test func everyInternalLinkAndFragmentResolves() throws {
        defer { site.remove() }
        #expect(try PageText.brokenLinks(in: site) == [])
    }

    @Test func twoBuildsAreByteIdentical() throws {
        defer { site.remove() }
        let second = site.root.appendingPathComponent("second")
        try site.build(output: second)
        let first = site.files()
        #expect(first == site.files(in: second))
        for path in first {
            let a = try Data(contentsOf: site.output.appendingPathComponent(path))
            let b = try Data(contentsOf: second.appendingPathComponent(path))
            #expect(a == b, "\(path) differs between builds")
        }
    }
}
