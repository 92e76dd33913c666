/// The values each template receives (documented in the README's template reference).
///
/// Contexts are dictionaries rather than model types so that the template engine looks
/// values up by key instead of by reflection, and so that every name a template can use is
/// listed here, in one place.
struct PageContexts {
    let site: Site
    let siteTitle: String
    /// Fragment ids actually placed in each story's text, by story index.
    var placedAnchors: [Set<String>] = []

    init(site: Site, siteTitle: String) {
        self.site = site
        self.siteTitle = siteTitle
    }

    /// Values every page gets.
    func common(page: String, title: String, description: String, kind: String) -> [String: Any] {
        let root = SitePaths.root(of: page)
        return [
            "siteTitle": siteTitle,
            "pageTitle": title,
            "description": description,
            "kind": kind,
            "isHome": kind == "home",
            // Which part of the site the page belongs to, for marking the navigation.
            "inStories": kind == "home" || kind == "story",
            "inCharacters": kind == "characters" || kind == "character",
            "inCities": kind == "cities" || kind == "city",
            "root": root,
            "homeURL": root + SitePaths.home,
            "charactersURL": root + SitePaths.charactersIndex,
            "citiesURL": root + SitePaths.citiesIndex,
            "stylesheetURL": root + SitePaths.stylesheet,
            "storyCount": site.stories.count,
            "characterCount": site.characters.count,
            "cityCount": site.cities.count,
            "storiesLabel": Self.count(site.stories.count, "story", "stories"),
            "charactersLabel": Self.count(site.characters.count, "character", "characters"),
            "citiesLabel": Self.count(site.cities.count, "city", "cities"),
        ]
    }

    func characterLink(_ index: Int, root: String) -> [String: Any] {
        let character = site.characters[index]
        return ["name": character.name, "url": root + SitePaths.character(character.slug)]
    }

    func cityLink(_ index: Int, root: String) -> [String: Any] {
        let page = site.cities[index]
        return ["name": page.city.name, "country": page.city.countryName, "url": root + SitePaths.city(page.slug)]
    }

    /// A story as it appears in lists (home page, city pages).
    func storySummary(_ index: Int, root: String) -> [String: Any] {
        let story = site.stories[index]
        var item: [String: Any] = [
            "number": index + 1,
            "title": story.title,
            "url": root + SitePaths.story(story.slug),
            "opening": story.summary ?? story.opening,
            "wordCount": story.wordCount,
            "readingMinutes": story.readingMinutes,
            "characters": story.characters.map { characterLink($0, root: root) },
            "cities": story.cities.map { cityLink($0, root: root) },
        ]
        if let author = story.author { item["author"] = author }
        if let date = story.date {
            item["date"] = date.readable
            item["dateISO"] = date.iso
        }
        return item
    }

    func home() -> [String: Any] {
        var context = common(page: SitePaths.home, title: siteTitle,
                             description: "\(site.stories.count) stories, \(site.characters.count) characters, \(site.cities.count) cities.",
                             kind: "home")
        context["stories"] = site.stories.indices.map { storySummary($0, root: "") }
        return context
    }

    func story(_ index: Int, body: String) -> [String: Any] {
        let story = site.stories[index]
        let page = SitePaths.story(story.slug)
        let root = SitePaths.root(of: page)
        var context = common(page: page, title: story.title, description: story.summary ?? story.opening, kind: "story")
        var item = storySummary(index, root: root)
        item["body"] = body
        if let summary = story.summary { item["summary"] = summary }
        context["story"] = item
        if index > 0 { context["previous"] = link(toStory: index - 1, root: root) }
        if index + 1 < site.stories.count { context["next"] = link(toStory: index + 1, root: root) }
        return context
    }

    private func link(toStory index: Int, root: String) -> [String: Any] {
        let story = site.stories[index]
        return ["title": story.title, "url": root + SitePaths.story(story.slug)]
    }

    func character(_ index: Int) -> [String: Any] {
        let character = site.characters[index]
        let page = SitePaths.character(character.slug)
        let root = SitePaths.root(of: page)
        let anchor = SitePaths.characterAnchor(character.slug)
        let mentions = character.appearances.reduce(0) { $0 + $1.mentions }
        var context = common(page: page, title: character.name,
                             description: character.introduction.isEmpty ? character.name : character.introduction,
                             kind: "character")
        context["character"] = [
            "name": character.name,
            "aliases": character.aliases,
            "introduction": character.introduction,
            "storyCount": character.appearances.count,
            "storiesLabel": Self.count(character.appearances.count, "story", "stories"),
            "mentions": mentions,
            "mentionsLabel": Self.count(mentions, "time", "times"),
            "appearances": character.appearances.map { appearance -> [String: Any] in
                let story = site.stories[appearance.story]
                let url = root + SitePaths.story(story.slug)
                let placed = placedAnchors.indices.contains(appearance.story) && placedAnchors[appearance.story].contains(anchor)
                return [
                    "title": story.title,
                    "url": url,
                    "mentionURL": placed ? url + "#" + anchor : url,
                    "excerpt": appearance.excerpt,
                    "mentions": appearance.mentions,
                ]
            },
            "companions": character.companions.map { characterLink($0, root: root) },
            "cities": character.cities.map { cityLink($0, root: root) },
        ] as [String: Any]
        return context
    }

    func city(_ index: Int) -> [String: Any] {
        let page = site.cities[index]
        let path = SitePaths.city(page.slug)
        let root = SitePaths.root(of: path)
        let country = page.city.countryName
        var context = common(page: path, title: page.city.name,
                             description: country.isEmpty ? page.city.name : "\(page.city.name), \(country)",
                             kind: "city")
        var item: [String: Any] = [
            "name": page.city.name,
            "country": country,
            "countryCode": page.city.countryCode,
            "stories": page.stories.map { storySummary($0, root: root) },
            "characters": page.characters.map { characterLink($0, root: root) },
            "places": page.places,
        ]
        if page.city.population > 0 { item["population"] = Self.grouped(page.city.population) }
        context["city"] = item
        return context
    }

    func charactersIndex() -> [String: Any] {
        let root = SitePaths.root(of: SitePaths.charactersIndex)
        var context = common(page: SitePaths.charactersIndex, title: "Characters",
                             description: "All \(site.characters.count) characters of \(siteTitle).", kind: "characters")
        context["characters"] = site.characters.indices.map { index -> [String: Any] in
            let character = site.characters[index]
            var item = characterLink(index, root: root)
            item["aliases"] = character.aliases
            item["storyCount"] = character.appearances.count
            item["mentions"] = character.appearances.reduce(0) { $0 + $1.mentions }
            return item
        }
        return context
    }

    func citiesIndex() -> [String: Any] {
        let root = SitePaths.root(of: SitePaths.citiesIndex)
        var context = common(page: SitePaths.citiesIndex, title: "Cities",
                             description: "All \(site.cities.count) cities of \(siteTitle).", kind: "cities")
        context["cities"] = site.cities.indices.map { index -> [String: Any] in
            var item = cityLink(index, root: root)
            item["storyCount"] = site.cities[index].stories.count
            item["characterCount"] = site.cities[index].characters.count
            return item
        }
        return context
    }

    /// "1 story", "3 stories".
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }

    /// 8336599 → "8,336,599", without depending on the machine's locale.
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
