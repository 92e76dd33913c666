import Foundation

/// schema.org descriptions of the pages, as JSON-LD for `<script type="application/ld+json">`:
/// a story is a `ShortStory`, a character a `Person`, a city a `City`, the anthology a `Book`
/// whose parts are the stories.
///
/// Objects are dictionaries serialised by `ScriptSafeJSON` with sorted keys, so quoting is
/// always right and output is byte-identical between builds. URLs appear only with a base URL:
/// JSON-LD is read by crawlers that know the page's address anyway, and a relative URL would
/// be resolved against wherever the page was fetched from.
struct StructuredData {
    let site: Site
    let metadata: SiteMetadata

    /// The absolute address of a page (`stories/x/index.html`), when the base URL is known.
    func url(_ page: String) -> String? {
        metadata.baseURL?.absolute(SitePaths.clean(page))
    }

    /// The `<script>` body: JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`,
    /// so that no text from a story (`</script>`, `<!--`) can end the script element early.
    static func script(_ object: [String: Any]) -> String {
        ScriptSafeJSON.string(object) ?? "{}"
    }

    /// A page of the list of stories: the anthology as a book whose parts are the stories,
    /// in reading order (those listed on the page, so a page of an archive stays small).
    func book(parts: Range<Int>) -> [String: Any] {
        var object = anthology()
        object["@context"] = "https://schema.org"
        object["inLanguage"] = metadata.language
        if let description = metadata.description { object["description"] = description }
        if let author = metadata.author { object["author"] = person(named: author) }
        object["hasPart"] = parts.map { index -> [String: Any] in
            var part = storyReference(index)
            part["position"] = index + 1
            return part
        }
        return object
    }

    /// A story page.
    func story(_ index: Int, description: String) -> [String: Any] {
        let story = site.stories[index]
        var object = storyReference(index)
        object["@context"] = "https://schema.org"
        object["description"] = description
        object["inLanguage"] = metadata.language
        object["wordCount"] = story.wordCount
        object["position"] = index + 1
        object["isPartOf"] = anthology()
        if let author = story.author ?? metadata.author { object["author"] = person(named: author) }
        if let date = story.date { object["datePublished"] = date.iso }
        if !story.characters.isEmpty { object["character"] = story.characters.map(characterReference) }
        if !story.cities.isEmpty { object["contentLocation"] = story.cities.map(cityReference) }
        return object
    }

    /// A character page: the person, their other names, and the stories they appear in.
    func character(_ index: Int) -> [String: Any] {
        let character = site.characters[index]
        var object = characterReference(index)
        object["@context"] = "https://schema.org"
        if !character.aliases.isEmpty { object["alternateName"] = character.aliases }
        if !character.introduction.isEmpty { object["description"] = character.introduction }
        object["subjectOf"] = character.appearances.map { storyReference($0.story) }
        return object
    }

    /// A city page: the city, its country, and the stories set there.
    func city(_ index: Int) -> [String: Any] {
        var object = cityReference(index)
        object["@context"] = "https://schema.org"
        object["subjectOf"] = site.cities[index].stories.map(storyReference)
        return object
    }

    /// An index page (`CollectionPage`) or the 404 page (`WebPage`), part of the anthology.
    func webPage(type: String, name: String, description: String, page: String?) -> [String: Any] {
        var object: [String: Any] = ["@context": "https://schema.org", "@type": type, "name": name,
                                     "description": description, "inLanguage": metadata.language,
                                     "isPartOf": anthology()]
        if let page, let url = url(page) { object["url"] = url }
        return object
    }

    // MARK: - References (the short form used inside other objects)

    private func anthology() -> [String: Any] {
        var object: [String: Any] = ["@type": "Book", "name": metadata.title]
        if let url = url(SitePaths.home) { object["url"] = url }
        return object
    }

    private func storyReference(_ index: Int) -> [String: Any] {
        let story = site.stories[index]
        var object: [String: Any] = ["@type": "ShortStory", "name": story.title]
        if let url = url(SitePaths.story(story.slug)) { object["url"] = url }
        return object
    }

    private func characterReference(_ index: Int) -> [String: Any] {
        let character = site.characters[index]
        var object: [String: Any] = ["@type": "Person", "name": character.name]
        if let url = url(SitePaths.character(character.slug)) { object["url"] = url }
        return object
    }

    private func cityReference(_ index: Int) -> [String: Any] {
        let page = site.cities[index]
        var object: [String: Any] = ["@type": "City", "name": page.city.name]
        if !page.city.countryName.isEmpty {
            object["containedInPlace"] = ["@type": "Country", "name": page.city.countryName]
        }
        if let url = url(SitePaths.city(page.slug)) { object["url"] = url }
        return object
    }

    private func person(named name: String) -> [String: Any] {
        ["@type": "Person", "name": name]
    }
}
