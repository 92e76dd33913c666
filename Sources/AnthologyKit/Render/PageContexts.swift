/// The values each template receives (documented in the README's template reference).
///
/// Contexts are dictionaries rather than model types so that the template engine looks
/// values up by key instead of by reflection, and so that every name a template can use is
/// listed here, in one place.
struct PageContexts {
    let site: Site
    let metadata: SiteMetadata
    let structuredData: StructuredData
    /// What the lists' story cards hold besides title and address: what their templates name.
    let cardFields: StoryCardFields.Lists
    /// Fragment ids actually placed in each story's text, by story index.
    var placedAnchors: [PlacedAnchors] = []
    /// `Site.characterDisambiguations`.
    let disambiguations: [String?]

    var siteTitle: String { metadata.title }

    /// `disambiguations`: `Site.characterDisambiguations`, when already worked out.
    init(site: Site, metadata: SiteMetadata, cardFields: StoryCardFields.Lists, disambiguations: [String?]? = nil) {
        self.site = site
        self.metadata = metadata
        self.structuredData = StructuredData(site: site, metadata: metadata)
        self.cardFields = cardFields
        self.disambiguations = disambiguations ?? site.characterDisambiguations
    }

    /// Values every page gets, including what its `<head>` says about it: language, canonical
    /// address (only with a base URL: a relative canonical link would be wrong), Open Graph
    /// tags and schema.org JSON-LD (`jsonLD`, already escaped for a `<script>` element).
    func common(page: String, title: String, description: String, kind: String,
                schema: [String: JSONValue]) -> [String: Any] {
        let root = SitePaths.root(of: page)
        var context: [String: Any] = [
            "siteTitle": siteTitle,
            "pageTitle": title,
            "description": description,
            "lang": metadata.language,
            "ogType": kind == "story" ? "article" : "website",
            "jsonLD": StructuredData.script(schema),
            "feedURL": root + SitePaths.feed,
            "faviconURL": root + SitePaths.favicon,
            "kind": kind,
            "isHome": kind == "home",
            // The 404 page is not indexed, and has no skip link: with a `<base href>` a
            // fragment-only link would lead to the home page.
            "isNotFound": kind == "not-found",
            // Which part of the site the page belongs to, for marking the navigation.
            "inStories": kind == "home" || kind == "story",
            "inCharacters": kind == "characters" || kind == "character",
            "inCities": kind == "cities" || kind == "city",
            "root": root,
            "homeURL": root + SitePaths.home,
            "charactersURL": root + SitePaths.charactersIndex,
            "citiesURL": root + SitePaths.citiesIndex,
            "stylesheetURL": root + SitePaths.stylesheet,
        ]
        if let siteDescription = metadata.description { context["siteDescription"] = siteDescription }
        if let author = metadata.author { context["siteAuthor"] = author }
        if let locale = metadata.openGraphLocale { context["ogLocale"] = locale }
        // The 404 page is served at any address, so it has no canonical one.
        if kind != "not-found", let url = structuredData.url(page) { context["canonicalURL"] = url }
        return context
    }

    /// How many stories, characters and cities the site has, for the pages that list the site
    /// (home, the indexes, the 404 page) and only those: shown on every page, the counts made
    /// each new story or character change every page, and a deploy upload all of them again.
    func addCounts(to context: inout [String: Any]) {
        context["storyCount"] = site.stories.count
        context["characterCount"] = site.characters.count
        context["cityCount"] = site.cities.count
        context["storiesLabel"] = Self.count(site.stories.count, "story", "stories")
        context["charactersLabel"] = Self.count(site.characters.count, "character", "characters")
        context["citiesLabel"] = Self.count(site.cities.count, "city", "cities")
    }

    /// A character's name and address, and what tells them from others of the same name
    /// (`Site.characterDisambiguations`) when there are any.
    func characterLink(_ index: Int, root: String) -> [String: Any] {
        let character = site.characters[index]
        var link: [String: Any] = ["name": character.name, "url": root + SitePaths.character(character.slug)]
        if let disambiguation = disambiguations[index] { link["disambiguation"] = disambiguation }
        return link
    }

    func cityLink(_ index: Int, root: String) -> [String: Any] {
        let page = site.cities[index]
        return ["name": page.city.name, "country": page.city.countryName, "url": root + SitePaths.city(page.slug)]
    }

    /// A story as it appears in lists (home page, city pages), with the values of `fields`
    /// (`StoryCardFields`, whose keys these must be).
    func storySummary(_ index: Int, root: String, fields: StoryCardFields) -> [String: Any] {
        let story = site.stories[index]
        var item: [String: Any] = ["title": story.title, "url": root + SitePaths.story(story.slug)]
        if fields.contains(.number) { item["number"] = index + 1 }
        if fields.contains(.opening) { item["opening"] = story.summary ?? story.opening }
        if fields.contains(.wordCount) { item["wordCount"] = story.wordCount }
        if fields.contains(.readingMinutes) { item["readingMinutes"] = story.readingMinutes }
        if fields.contains(.characters) { item["characters"] = story.characters.map { characterLink($0, root: root) } }
        if fields.contains(.cities) { item["cities"] = story.cities.map { cityLink($0, root: root) } }
        if fields.contains(.author), let author = story.author { item["author"] = author }
        if fields.contains(.date), let date = story.date {
            item["date"] = date.readable
            item["dateISO"] = date.iso
        }
        return item
    }

    /// Page `number` of the list of stories (the first is the home page), with links to the
    /// pages around it. Later pages are titled by the stories they list ("Stories 51–100").
    func home(page number: Int) -> [String: Any] {
        let pages = StoryPages(stories: site.stories.count, perPage: metadata.storiesPerPage)
        let path = SitePaths.storiesPage(number)
        let root = SitePaths.root(of: path)
        let range = pages.stories(onPage: number)
        let rangeLabel = "Stories \(Self.grouped(range.lowerBound + 1))–\(Self.grouped(range.upperBound)) of \(Self.grouped(site.stories.count))"
        let description = metadata.description ?? "\(Self.count(site.stories.count, "story", "stories")) with \(Self.count(site.characters.count, "character", "characters")) in \(Self.count(site.cities.count, "city", "cities"))."
        var context = common(page: path, title: number == 1 ? siteTitle : rangeLabel,
                             description: number == 1 ? description : "\(rangeLabel) in \(siteTitle).",
                             kind: "home", schema: structuredData.book(parts: range))
        addCounts(to: &context)
        context["stories"] = range.map { storySummary($0, root: root, fields: cardFields.home) }
        context["firstPage"] = number == 1
        context["firstNumber"] = range.lowerBound + 1
        if pages.count > 1 {
            let linked = pages.linkedPages(from: number)
            var pagination: [String: Any] = [
                "number": number, "pageCount": pages.count, "label": rangeLabel,
                "pages": linked.indices.map { item -> [String: Any] in
                    let page = linked[item]
                    return ["number": page, "url": root + SitePaths.storiesPage(page), "current": page == number,
                            "gapBefore": item > 0 && linked[item - 1] != page - 1]
                },
            ]
            if number > 1 { pagination["previousURL"] = root + SitePaths.storiesPage(number - 1) }
            if number < pages.count { pagination["nextURL"] = root + SitePaths.storiesPage(number + 1) }
            context["pagination"] = pagination
        }
        return context
    }

    func story(_ index: Int, body: String) -> [String: Any] {
        let story = site.stories[index]
        let page = SitePaths.story(story.slug)
        let root = SitePaths.root(of: page)
        let description = story.summary ?? story.opening
        var context = common(page: page, title: story.title, description: description, kind: "story",
                             schema: structuredData.story(index, description: description))
        // The story's own page shows it whole, whatever the lists show.
        var item = storySummary(index, root: root, fields: .all)
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
        // The page's title tells namesakes apart; `character` holds no `disambiguation`, which
        // Mustache would find for every companion link that lacks one (it looks a missing key
        // up in the enclosing contexts) and show with it.
        let shownName = disambiguations[index].map { "\(character.name) (\($0))" } ?? character.name
        var context = common(page: page, title: shownName,
                             description: character.introduction.isEmpty
                                 ? "\(shownName), a character of \(siteTitle)." : character.introduction,
                             kind: "character", schema: structuredData.character(index))
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
        let place = country.isEmpty ? page.city.name : "\(page.city.name), \(country)"
        var context = common(page: path, title: page.city.name,
                             description: "\(place): the setting of \(Self.count(page.stories.count, "story", "stories")) of \(siteTitle).",
                             kind: "city", schema: structuredData.city(index))
        var item: [String: Any] = [
            "name": page.city.name,
            "country": country,
            "countryCode": page.city.countryCode,
            "stories": page.stories.map { storySummary($0, root: root, fields: cardFields.city) },
            "characters": page.characters.map { characterLink($0, root: root) },
            "places": page.places,
        ]
        if page.city.population > 0 { item["population"] = Self.grouped(page.city.population) }
        context["city"] = item
        return context
    }

    func charactersIndex() -> [String: Any] {
        let root = SitePaths.root(of: SitePaths.charactersIndex)
        let description = "All \(Self.count(site.characters.count, "character", "characters")) of \(siteTitle)."
        var context = common(page: SitePaths.charactersIndex, title: "Characters", description: description, kind: "characters",
                             schema: structuredData.webPage(type: "CollectionPage", name: "Characters",
                                                                    description: description, page: SitePaths.charactersIndex))
        addCounts(to: &context)
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
        let description = "All \(Self.count(site.cities.count, "city", "cities")) of \(siteTitle)."
        var context = common(page: SitePaths.citiesIndex, title: "Cities", description: description, kind: "cities",
                             schema: structuredData.webPage(type: "CollectionPage", name: "Cities",
                                                                    description: description, page: SitePaths.citiesIndex))
        addCounts(to: &context)
        context["cities"] = site.cities.indices.map { index -> [String: Any] in
            var item = cityLink(index, root: root)
            item["storyCount"] = site.cities[index].stories.count
            item["characterCount"] = site.cities[index].characters.count
            return item
        }
        return context
    }

    /// The page hosts serve for a missing address. Its links are relative to the site root;
    /// with a base URL, `baseHref` makes them work at any depth (`<base href>`), and without one
    /// the preview server inserts a `<base>` of its own.
    ///
    /// It lists `stories`, those of the home page, not all of them: hosts send it for every
    /// mistyped address, and at 10,000 stories a list of all was 850 KB.
    func notFound(listing stories: Range<Int>) -> [String: Any] {
        let description = "There is no page at this address in \(siteTitle)."
        var context = common(page: SitePaths.notFound, title: "Page not found", description: description, kind: "not-found",
                             schema: structuredData.webPage(type: "WebPage", name: "Page not found",
                                                                    description: description, page: nil))
        if let base = metadata.baseURL { context["baseHref"] = base.string }
        addCounts(to: &context)
        context["stories"] = stories.map { link(toStory: $0, root: "") }
        context["moreStories"] = stories.count < site.stories.count
        return context
    }

    /// "1 story", "10,000 stories": grouped as the pagination labels and populations are.
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(n)) \(n == 1 ? singular : plural)"
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
