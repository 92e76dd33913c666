import Foundation
import Testing
@testable import AnthologyKit

/// A fixture anthology written for these tests (Tests/AnthologyKitTests/Fixtures/harbour-lights):
/// Markdown with front matter, Markdown with a heading, and a plain-text letter.
@Suite("Harbour Lights fixture")
struct HarbourLightsTests {
    let site: FixtureAnthology
    let report: BuildReport

    init() throws {
        site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        report = try site.build()
    }

    @Test func reportsWhatItBuilt() {
        defer { site.remove() }
        #expect(report.stories == 3)
        #expect(report.characters == 5)
        #expect(report.cities == 3)
        #expect(report.files == site.files().count)
        #expect(report.pages == site.files().filter { $0.hasSuffix(".html") }.count)
        #expect(report.pages == 3 + 5 + 3 + 3 + 1)  // stories, characters, cities, home, two indexes and 404
        #expect(report.stages.map(\.name) == ["load", "parse", "detect", "link", "render", "write"])
    }

    @Test func titlesComeFromFrontMatterHeadingOrTheStory() throws {
        defer { site.remove() }
        let home = try site.page("index.html")
        let titles = PageText.attribute("href", in: home).filter { $0.hasPrefix("stories/") }
        // Dated stories first, then the rest by file name.
        #expect(Array(NSOrderedSet(array: titles)) as? [String] == [
            "stories/the-last-ferry/index.html", "stories/night-market/index.html", "stories/oskar-and-freya/index.html",
        ])
        let market = try site.page("stories/night-market/index.html")
        #expect(market.contains("<h1>Night Market</h1>"))
        // The opening heading is the title, so it is not repeated in the text.
        #expect(market.components(separatedBy: "Night Market</h").count == 2)
    }

    @Test func storyPageShowsMetadataAndNeighbours() throws {
        defer { site.remove() }
        let ferry = try site.page("stories/the-last-ferry/index.html")
        let text = PageText.visible(ferry)
        #expect(text.contains("By M. Quill"))
        #expect(text.contains("14 May 2023"))
        #expect(ferry.contains("datetime=\"2023-05-14\""))
        #expect(text.contains("min read"))
        #expect(!ferry.contains("rel=\"prev\""))
        #expect(ferry.contains("rel=\"next\" href=\"../../stories/night-market/index.html\""))
        let market = try site.page("stories/night-market/index.html")
        #expect(market.contains("rel=\"prev\" href=\"../../stories/the-last-ferry/index.html\""))
        #expect(market.contains("rel=\"next\" href=\"../../stories/oskar-and-freya/index.html\""))
    }

    @Test func firstMentionsLinkToTheirPages() throws {
        defer { site.remove() }
        let ferry = try site.page("stories/the-last-ferry/index.html")
        #expect(ferry.contains("id=\"character-marta-vidal\" href=\"../../characters/marta-vidal/index.html\">Marta Vidal</a> had piloted"))
        #expect(ferry.contains("id=\"city-lisbon\" href=\"../../cities/lisbon/index.html\">Lisbon</a> trembled"))
        // Only the first mention is linked.
        #expect(ferry.components(separatedBy: "id=\"character-marta-vidal\"").count == 2)
    }

    @Test func aFullNameIsOneCharacterAcrossStories() throws {
        defer { site.remove() }
        let page = try site.page("characters/tomas-reis/index.html")
        let text = PageText.visible(page)
        #expect(text.contains("Also called Tomás"))
        #expect(text.contains("In 2 stories"))
        #expect(page.contains("../../stories/the-last-ferry/index.html#character-tomas-reis"))
        #expect(page.contains("../../stories/night-market/index.html#character-tomas-reis"))
        // Companions: everyone he shares a story with, and nobody else.
        #expect(page.contains("characters/marta-vidal/") && page.contains("characters/ines-carvalho/"))
        #expect(!page.contains("characters/freya-dahl/"))
        #expect(text.contains("Seen in Lisbon"))
    }

    @Test("Characters who share a name are told apart by their first story in the index, titles and lists")
    func namesakesAreToldApart() throws {
        defer { site.remove() }
        let namesakes = try FixtureAnthology(stories: [
            "a.md": "---\ntitle: The Landing\n---\nMarguerite waited at the ferry landing in Lisbon with Tomás Reis. Marguerite said the boat was late.\n",
            "b.md": "---\ntitle: Night Bread\n---\nMarguerite baked bread all night in Lisbon. Marguerite said the oven was too hot.\n",
            "c.md": "---\ntitle: Harbour Lights\n---\nTomás Reis counted the lights of Lisbon. Tomás Reis said nothing.\n",
        ])
        defer { namesakes.remove() }
        try namesakes.build()
        let index = PageText.visible(try namesakes.page("characters/index.html"))
        #expect(index.contains("Marguerite (Night Bread)") && index.contains("Marguerite (The Landing)"), "\(index)")
        #expect(!index.contains("Tomás Reis ("))
        let pages = try ["marguerite", "marguerite-2"].map { try namesakes.page("characters/\($0)/index.html") }
        #expect(Set(pages.map { PageText.title($0) }).count == 2, "\(pages.map { PageText.title($0) })")
        #expect(pages.allSatisfy { PageText.title($0).hasPrefix("Marguerite (") })
        let lisbon = PageText.visible(try namesakes.page("cities/lisbon/index.html"))
        #expect(lisbon.contains("Marguerite (The Landing)") && lisbon.contains("Marguerite (Night Bread)"), "\(lisbon)")
        let tomas = try namesakes.page("characters/tomas-reis/index.html")
        #expect(PageText.title(tomas).hasPrefix("Tomás Reis ·"))
        // A companion is told apart only when it has a namesake itself, not because the page's character has one.
        #expect(PageText.visible(tomas).contains("Marguerite (The Landing)"))
        let landing = PageText.visible(pages[0])
        #expect(landing.contains("Tomás Reis") && !landing.contains("Tomás Reis ("), "\(landing)")
    }

    @Test func cityPageListsCountryStoriesCharactersAndPlaces() throws {
        defer { site.remove() }
        let text = PageText.visible(try site.page("cities/lisbon/index.html"))
        #expect(text.contains("Portugal"))
        #expect(text.contains("The Last Ferry") && text.contains("Night Market"))
        #expect(!text.contains("Oskar and Freya"))
        #expect(text.contains("Places in Lisbon Alfama Rua Augusta Tagus"))
        for name in ["Marta Vidal", "Tomás Reis", "Inês Carvalho"] { #expect(text.contains(name)) }
    }

    @Test func indexesCountCharactersAndCities() throws {
        defer { site.remove() }
        let characters = PageText.visible(try site.page("characters/index.html"))
        #expect(characters.contains("5 characters across 3 stories"))
        #expect(characters.contains("Tomás Reis Tomás 2"))
        let cities = PageText.visible(try site.page("cities/index.html"))
        #expect(cities.contains("3 cities across 3 stories"))
        #expect(cities.contains("Lisbon Portugal 2"))
        #expect(cities.contains("Bergen Norway 1"))
    }

    @Test func plainTextReadsAsWritten() throws {
        defer { site.remove() }
        let letter = try site.page("stories/oskar-and-freya/index.html")
        #expect(letter.contains("Prices are *not* what they were"))
        #expect(letter.contains("45 kr now &amp; the baker"))
        #expect(letter.contains("Yours, and still waiting,<br />"))
    }

    @Test func everyInternalLinkAndFragmentResolves() throws {
        defer { site.remove() }
        #expect(try PageText.brokenLinks(in: site) == [])
    }

    @Test func stylesheetIsCopiedAndLinkedRelatively() throws {
        defer { site.remove() }
        #expect(site.exists("assets/style.css"))
        #expect(try site.page("index.html").contains("href=\"assets/style.css\""))
        #expect(try site.page("characters/index.html").contains("href=\"../assets/style.css\""))
        #expect(try site.page("cities/lisbon/index.html").contains("href=\"../../assets/style.css\""))
    }
}
