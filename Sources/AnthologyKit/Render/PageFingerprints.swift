/// The fingerprint of every page, computed from the linked site without building any
/// template context, so that a rebuild after one save costs time in proportion to the pages
/// that changed, not to the size of the anthology.
///
/// Each fingerprint hashes exactly the model values the page's context reads (see
/// `PageContexts`, which this must follow: a value a context shows that is missing here
/// would leave that page stale after an incremental build). Other pages enter only through
/// the few values shown of them, so that editing one story re-renders its own page, the
/// lists that show its title or opening, and the pages of characters whose mentions
/// changed, not every page that links to one of its characters.
/// `PageFingerprintTests` checks, field by field, that every change to a context changes
/// the fingerprint.
struct PageFingerprints: Sendable {
    let site: Site
    /// Templates and site metadata.
    let base: ContentHash
    /// The site's counts of stories, characters and cities, which the pages that list the
    /// site show (`PageContexts.addCounts`).
    private let counts: [Int]
    /// What other pages show of each story: title and address. Nil when the fingerprints
    /// are worked out story by story, as they are asked for (`init(site:settings:cardFields:lazily:)`).
    private let storyReferences: [UInt64]?
    /// What lists show of each story (home page, city pages): the reference, and those of its
    /// place in reading order, opening, length, date, author, and links to its characters and
    /// cities that the cards of the list hold (`cardFields`). Each story's card, by the values
    /// held; empty when worked out as they are asked for.
    private let storyCards: [StoryCardFields: [UInt64]]
    private let cardFields: StoryCardFields.Lists
    /// Name and address of each character (with what tells them from others of the same
    /// name), and of each city (with its country).
    private let characterLinks: [UInt64]
    /// `Site.characterDisambiguations`, which the pages' contexts take from here rather
    /// than work out again.
    let disambiguations: [String?]
    private let cityLinks: [UInt64]

    /// With `lazily`, the stories' references and cards are not all worked out at once but
    /// each time a page asks for one: a render that plans only the pages a few changed
    /// stories reach (`RenderBasis`) asks for a few hundred of 10,000.
    init(site: Site, settings: ContentHash, cardFields: StoryCardFields.Lists, lazily: Bool = false) {
        self.site = site
        base = settings
        self.cardFields = cardFields
        counts = [site.stories.count, site.characters.count, site.cities.count]
        // Here and below, model values are read through their index, in place: iterating
        // the arrays would copy every story, character and city, on every rebuild.
        let disambiguations = site.characterDisambiguations
        self.disambiguations = disambiguations
        characterLinks = site.characters.indices.map { index in
            var hash = ContentHash()
            hash.combine(site.characters[index].name)
            hash.combine(site.characters[index].slug)
            hash.combine(disambiguations[index] ?? "\u{0}")
            return hash.value
        }
        cityLinks = site.cities.indices.map { index in
            var hash = ContentHash()
            hash.combine(site.cities[index].city.name)
            hash.combine(site.cities[index].city.countryName)
            hash.combine(site.cities[index].slug)
            return hash.value
        }
        guard !lazily else {
            storyReferences = nil
            storyCards = [:]
            return
        }
        // Every story's, on every core: hashing each story's opening, one after another, was a
        // quarter of the render stage of a one-story rebuild at 10,000 stories.
        let stories = site.stories
        let references = Array(stories.indices).concurrentMap { Self.reference(of: stories, $0) }
        storyReferences = references
        var cards: [StoryCardFields: [UInt64]] = [:]
        for fields in Set([cardFields.home, cardFields.city]) {
            cards[fields] = Array(stories.indices).concurrentMap { [characterLinks, cityLinks] index in
                Self.card(of: stories, index, fields: fields, reference: references[index],
                          characterLinks: characterLinks, cityLinks: cityLinks)
            }
        }
        storyCards = cards
    }

    private func reference(_ index: Int) -> UInt64 {
        storyReferences?[index] ?? Self.reference(of: site.stories, index)
    }

    private func card(_ index: Int, fields: StoryCardFields) -> UInt64 {
        storyCards[fields]?[index] ?? Self.card(of: site.stories, index, fields: fields, reference: reference(index),
                                                characterLinks: characterLinks, cityLinks: cityLinks)
    }

    private static func reference(of stories: [Site.Story], _ index: Int) -> UInt64 {
        var hash = ContentHash()
        hash.combine(stories[index].title)
        hash.combine(stories[index].slug)
        return hash.value
    }

    /// A story's card. The story's values are read in place, one by one: passing the story
    /// itself (`stories[index]`) copied it, retaining and releasing each of its strings and
    /// arrays. With the same copy in `SiteRenderer.plan`, that was a third of planning the
    /// pages of a one-story rebuild at 10,000 stories.
    private static func card(of stories: [Site.Story], _ index: Int, fields: StoryCardFields, reference: UInt64,
                             characterLinks: [UInt64], cityLinks: [UInt64]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(reference)
        if fields.contains(.number) { hash.combine(index) }
        if fields.contains(.opening) {
            hash.combine(optional: stories[index].summary)
            hash.combine(stories[index].opening)
        }
        if fields.contains(.wordCount) { hash.combine(stories[index].wordCount) }
        if fields.contains(.readingMinutes) { hash.combine(stories[index].readingMinutes) }
        if fields.contains(.author) { hash.combine(optional: stories[index].author) }
        if fields.contains(.date) { hash.combine(optional: stories[index].date) }
        if fields.contains(.characters) { hash.combine(stories[index].characters.map { characterLinks[$0] }) }
        if fields.contains(.cities) { hash.combine(stories[index].cities.map { cityLinks[$0] }) }
        return hash.value
    }

    private func page(_ path: String, _ template: String) -> ContentHash {
        var hash = base
        hash.combine(path)
        hash.combine(template)
        return hash
    }

    /// A page that lists the site, and shows its counts.
    private func listing(_ path: String, _ template: String) -> ContentHash {
        var hash = page(path, template)
        for count in counts { hash.combine(count) }
        return hash
    }

    /// A story page, given the fingerprint of its body (its Markdown and mention links). The
    /// page shows its story whole, whatever the cards hold.
    func story(_ index: Int, path: String, body: UInt64) -> UInt64 {
        var hash = page(path, "story")
        hash.combine(card(index, fields: .all))
        hash.combine(body)
        hash.combine(index > 0 ? reference(index - 1) : 0)
        hash.combine(index + 1 < site.stories.count ? reference(index + 1) : 0)
        return hash.value
    }

    /// A page of the list of stories; which stories it lists and how many pages there are
    /// follow from the story count (in `counts`) and the page size (in the settings).
    func storiesPage(_ number: Int, stories: Range<Int>, path: String, template: String) -> UInt64 {
        var hash = listing(path, template)
        hash.combine(number)
        hash.combine(stories.map { card($0, fields: cardFields.home) })
        return hash.value
    }

    /// The 404 page links to the stories of the first list page (`stories`); the site's
    /// counts say whether there are more.
    func notFound(stories: Range<Int>, path: String, template: String) -> UInt64 {
        var hash = listing(path, template)
        hash.combine(stories.map(reference))
        return hash.value
    }

    /// A character page; `placed` tells whether a story's text holds the character's anchor.
    func character(_ index: Int, path: String, placed: (Int) -> Bool) -> UInt64 {
        let character = site.characters[index]
        var hash = page(path, "character")
        hash.combine(characterLinks[index])
        hash.combine(character.aliases)
        hash.combine(character.introduction)
        hash.combine(character.appearances.count)
        for appearance in character.appearances {
            hash.combine(reference(appearance.story))
            hash.combine(appearance.mentions)
            hash.combine(appearance.excerpt)
            hash.combine(placed(appearance.story))
        }
        hash.combine(character.companions.map { characterLinks[$0] })
        hash.combine(character.cities.map { cityLinks[$0] })
        return hash.value
    }

    func city(_ index: Int, path: String) -> UInt64 {
        let page = site.cities[index]
        var hash = self.page(path, "city")
        hash.combine(cityLinks[index])
        hash.combine(page.city.countryCode)
        hash.combine(page.city.population)
        hash.combine(page.stories.map { card($0, fields: cardFields.city) })
        hash.combine(page.characters.map { characterLinks[$0] })
        hash.combine(page.places)
        return hash.value
    }

    func charactersIndex(path: String, template: String) -> UInt64 {
        var hash = listing(path, template)
        for index in site.characters.indices {
            hash.combine(characterLinks[index])
            hash.combine(site.characters[index].aliases)
            hash.combine(site.characters[index].appearances.count)
            hash.combine(site.characters[index].appearances.reduce(0) { $0 + $1.mentions })
        }
        return hash.value
    }

    func citiesIndex(path: String, template: String) -> UInt64 {
        var hash = listing(path, template)
        for index in site.cities.indices {
            hash.combine(cityLinks[index])
            hash.combine(site.cities[index].stories.count)
            hash.combine(site.cities[index].characters.count)
        }
        return hash.value
    }

    /// The sitemap lists every page (`pages`, in any fixed order) under the base URL, in
    /// files of as many pages as the settings say.
    func sitemap(pages: [String]) -> UInt64 {
        var hash = page(SitePaths.sitemap, "sitemap")
        hash.combine(pages)
        return hash.value
    }

    /// The feed shows each story's title, address, date, author and opening (or summary):
    /// an entry, each hashed on its own, so that a render that plans a few stories hashes
    /// only their entries again (`RenderBasis.feedEntries`).
    func feedEntry(_ index: Int) -> UInt64 {
        var hash = ContentHash()
        hash.combine(reference(index))
        hash.combine(optional: site.stories[index].date)
        hash.combine(optional: site.stories[index].author)
        hash.combine(site.stories[index].summary ?? site.stories[index].opening)
        return hash.value
    }

    /// The feed, given every story's `feedEntry` (in reading order): the entries of the
    /// stories it lists (`AtomFeed.entries`), and the newest date, which undated ones show.
    func feed(_ feed: AtomFeed, entries: [UInt64]) -> UInt64 {
        var hash = page(SitePaths.feed, "feed")
        hash.combine(feed.entries.map { entries[$0] })
        hash.combine(optional: feed.newest)
        return hash.value
    }
}

extension ContentHash {
    /// The date's numbers, rather than its text, which would have to be formatted first.
    mutating func combine(optional date: StoryDate?) {
        combine(date != nil)
        if let date {
            combine(date.year)
            combine(date.month)
            combine(date.day)
        }
    }

    /// Nil and "" hash differently.
    mutating func combine(optional text: String?) {
        combine(text != nil)
        if let text { combine(text) }
    }

    mutating func combine(_ texts: [String]) {
        combine(texts.count)
        for text in texts { combine(text) }
    }

    mutating func combine(_ numbers: [UInt64]) {
        combine(numbers.count)
        for number in numbers { combine(number) }
    }
}
