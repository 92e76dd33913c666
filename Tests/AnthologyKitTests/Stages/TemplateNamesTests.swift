import Foundation
import Testing
@testable import AnthologyKit

/// The story cards hold only the values the templates name (`TemplateNames`,
/// `StoryCardFields`): a name missed here would leave a value out of the pages that show it.
@Suite("Template names")
struct TemplateNamesTests {
    /// The names looked up in rendering `page` of these templates.
    private func names(_ templates: [String: String], page: String = "page") -> TemplateNames {
        TemplateNames(rendering: page, in: templates)
    }

    @Test func everyWordOfEveryTagCounts() {
        let names = names(["page": """
            <h1>{{title}}</h1>{{{body}}}{{&raw}}
            {{#stories}}{{^empty(cities)}}{{author.name}}{{/empty(cities)}}{{/stories}}
            {{ spaced }}{{#reversed(uppercased(tags))}}{{.}}{{/reversed(uppercased(tags))}}
            """])
        for name in ["title", "body", "raw", "stories", "empty", "cities", "author", "name", "spaced",
                     "reversed", "uppercased", "tags"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!names.contains("wordCount"))
        #expect(!names.contains("h1"))
    }

    @Test func partialsAndParentsCountWithThePageThatIncludesThem() {
        let templates = [
            "page": "{{<layout}}{{$content}}{{#stories}}{{> partials/card}}{{/stories}}{{/content}}{{/layout}}",
            "layout": "<title>{{siteTitle}}</title>{{$content}}{{/content}}",
            "partials/card": "{{title}} {{>partials/byline}}",
            "partials/byline": "{{author}}",
            "other": "{{wordCount}} {{>partials/card}}",
        ]
        let page = names(templates)
        for name in ["stories", "siteTitle", "title", "author"] { #expect(page.contains(name), "\(name)") }
        // Another page's names are its own.
        #expect(!page.contains("wordCount"))
        #expect(names(templates, page: "other").contains("author"))
        #expect(!names(templates, page: "other").contains("siteTitle"))
    }

    @Test func commentsDoNotCount() {
        let names = names(["page": "{{! {{wordCount}} is too long for a card }}{{title}}"])
        #expect(names.contains("title"))
        #expect(!names.contains("wordCount"))
        #expect(!names.contains("long"))
    }

    @Test func whatTheScanCannotFollowMakesEveryNameCount() {
        let delimiters = names(["page": "{{title}}{{> partials/odd}}", "partials/odd": "{{=<% %>=}}<% wordCount %>"])
        let dynamic = names(["page": "{{title}}{{>*cardTemplate}}", "partials/card": "{{wordCount}}"])
        for names in [delimiters, dynamic] {
            #expect(names.contains("wordCount"))
            #expect(names.contains("anything"))
            #expect(StoryCardFields(shownBy: names) == .all)
        }
    }

    @Test func aCardValueCountsByAnyOfItsKeys() {
        #expect(StoryCardFields(shownBy: names(["page": "{{dateISO}}"])) == .date)
        #expect(StoryCardFields(shownBy: names(["page": "{{#stories}}{{title}}{{/stories}}"])) == [])
    }

    @Test func theShippedListsShowNoWordCount() throws {
        let (templates, _) = TemplateSet.load(from: FixtureAnthology.repository.appendingPathComponent("templates"),
                                              displayFolder: "templates")
        let fields = try #require(templates).cardFields
        for list in [fields.home, fields.city] {
            #expect(!list.contains(.wordCount))
            #expect(list.isSuperset(of: [.opening, .readingMinutes, .author, .date, .characters, .cities]))
        }
    }

    /// Every key of a whole card, but its title and address, belongs to one of the values:
    /// a key added to the cards and not here would reach no page.
    @Test func everyKeyOfACardIsAValue() throws {
        let folder = try FixtureAnthology(stories: ["a.md": """
            ---
            author: A. Writer
            date: 2024-03-01
            ---
            # Harbour

            Marta Silva walked through Lisbon. Marta waited for Tomas Reis in Lisbon.
            """])
        defer { folder.remove() }
        var report = BuildReport()
        let site = try Builder(options: folder.options).analyse(report: &report)
        let contexts = PageContexts(site: site, metadata: SiteMetadata(), cardFields: .all)
        let card = contexts.storySummary(0, root: "", fields: .all)
        let keys = Set(StoryCardFields.keys.flatMap(\.keys))
        #expect(Set(card.keys).subtracting(["title", "url"]) == keys)
        for (field, fieldKeys) in StoryCardFields.keys {
            let without = contexts.storySummary(0, root: "", fields: StoryCardFields.all.subtracting(field))
            #expect(Set(card.keys).subtracting(without.keys) == Set(fieldKeys))
        }
    }
}
