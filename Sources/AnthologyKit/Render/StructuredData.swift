import Foundation

/// schema.org descriptions of the pages, as JSON-LD for `<script type="application/ld+json">`:
/// a story is a `ShortStory`, a character a `Person`, a city a `City`, the anthology a `Book`
/// whose parts are the stories.
///
/// Objects are typed dictionaries (`JSONValue`) written by `ScriptSafeJSON` with sorted keys,
/// so quoting is always right and output is byte-identical between builds. URLs appear only
/// with a base URL: JSON-LD is read by crawlers that know the page's address anyway, and a
/// relative URL would be resolved against wherever the page was fetched from.
struct StructuredData {
    let site: Site
    let metadata: SiteMetadata

    /// The absolute address of a page (`stories/x/index.html`), when the base URL is known.
    func url(_ page: String) -> String? {
        metadata.baseURL?.absolute(SitePaths.clean(page))
    }

    /// The `<script>` body: JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`,
    /// so that no text from a story (`</script>`, `<!--`) can end the script element early.
    static func script(_ object: [String: JSONValue]) -> String {
        ScriptSafeJSON.string(.object(object))
    }

    /// A page of the list of stories: the anthology as a book whose parts are the stories,
    /// in reading order (those listed on the page, so a page of an archive stays small).
    func book(parts: Range<Int>) -> [String: JSONValue] {
        var object = anthology()
        object["@context"] = "https://schema.org"
        object["inLanguage"] = .string(metadata.language)
        if let description = metadata.description { object["description"] = .string(description) }
        if let author = metadata.author { object["author"] = person(named: author) }
        object["hasPart"] = .array(parts.map { index in
            var part = storyReference(index)
            part["position"] = .int(index + 1)
            return .object(part)
        })
        return object
    }

    /// A story page.
    func story(_ index: Int, description: String) -> [String: JSONValue] {
        let story = site.stories[index]
        var object = storyReference(index)
        object["@context"] = "https://schema.org"
        object["description"] = .string(description)
        object["inLanguage"] = .string(metadata.language)
        object["wordCount"] = .int(story.wordCount)
        object["position"] = .int(index + 1)
        object["isPartOf"] = .object(anthology())
        if let author = story.author ?? metadata.author { object["author"] = person(named: author) }
        if let date = story.date { object["datePublished"] = .string(date.iso) }
        if !story.characters.isEmpty { object["character"] = .array(story.characters.map { .object(characterReference($0)) }) }
        if !story.cities.isEmpty { object["contentLocation"] = .array(story.cities.map { .object(cityReference($0)) }) }
        return object
    }

    /// A character page: the person, their other names, and the stories they appear in.
    func character(_ index: Int) -> [String: JSONValue] {
        let character = site.characters[index]
        var object = characterReference(index)
        object["@context"] = "https://schema.org"
        if !character.aliases.isEmpty { object["alternateName"] = .array(character.aliases.map(JSONValue.string)) }
        if !character.introduction.isEmpty { object["description"] = .string(character.introduction) }
        object["subjectOf"] = .array(character.appearances.map { .object(storyReference($0.story)) })
        return object
    }

    /// A city page: the city, its country, and the stories set there.
    func city(_ index: Int) -> [String: JSONValue] {
        var object = cityReference(index)
        object["@context"] = "https://schema.org"
        object["subjectOf"] = .array(site.cities[index].stories.map { .object(storyReference($0)) })
        return object
    }

    /// An index page (`CollectionPage`) or the 404 page (`WebPage`), part of the anthology.
    func webPage(type: String, name: String, description: String, page: String?) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["@context": "https://schema.org", "@type": .string(type), "name": .string(name),
                                           "description": .string(description), "inLanguage": .string(metadata.language),
                                           "isPartOf": .object(anthology())]
        if let page, let url = url(page) { object["url"] = .string(url) }
        return object
    }

    // MARK: - References (the short form used inside other objects)

    private func anthology() -> [String: JSONValue] {
        var object: [String: JSONValue] = ["@type": "Book", "name": .string(metadata.title)]
        if let url = url(SitePaths.home) { object["url"] = .string(url) }
        return object
    }

    private func storyReference(_ index: Int) -> [String: JSONValue] {
        let story = site.stories[index]
        var object: [String: JSONValue] = ["@type": "ShortStory", "name": .string(story.title)]
        if let url = url(SitePaths.story(story.slug)) { object["url"] = .string(url) }
        return object
    }

    private func characterReference(_ index: Int) -> [String: JSONValue] {
        let character = site.characters[index]
        var object: [String: JSONValue] = ["@type": "Person", "name": .string(character.name)]
        if let url = url(SitePaths.character(character.slug)) { object["url"] = .string(url) }
        return object
    }

    private func cityReference(_ index: Int) -> [String: JSONValue] {
        let page = site.cities[index]
        var object: [String: JSONValue] = ["@type": "City", "name": .string(page.city.name)]
        if !page.city.countryName.isEmpty {
            object["containedInPlace"] = ["@type": "Country", "name": .string(page.city.countryName)]
        }
        if let url = url(SitePaths.city(page.slug)) { object["url"] = .string(url) }
        return object
    }

    private func person(named name: String) -> JSONValue {
        ["@type": "Person", "name": .string(name)]
    }
}
