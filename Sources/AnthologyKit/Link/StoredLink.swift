import Foundation

/// A link as the disk cache keeps it (`CacheFile`): what linking decided, without what it
/// took from the stories.
///
/// Only `serve` kept the last link, in memory, so `anthology build` linked every story again
/// after a one-story edit: a quarter of that rebuild at 10,000 stories. With this, after an
/// edit that leaves every story's links as they were (see `SiteLinker.patch`), a build makes
/// the site from these decisions and the stories it has read anyway, without linking again.
///
/// Stored are the decisions: reading order, each story's slug and title, which page each
/// detected character and city became, the characters' merged aliases and relations, the
/// cities' places and characters, and the link's notes. Names, excerpts, forms and entities
/// come from the stories the link is rebuilt with, which must link as the ones it was made
/// from: `sources` holds each story's `StoryAnalysis.source` (a hash of its path and text),
/// and a story whose file changed since is compared with its previous analysis.
struct StoredLink: Sendable {
    /// For each input of the link, in input order: the source of the analysis it came from.
    var sources: [UInt64]
    /// The link's `SiteLinker.Linked.generation`.
    var generation: UInt64
    var decisions: Decisions
    /// The bytes `decisions` was read from, which a save reuses while the link is only
    /// patched (`BuildCache.linkDecisions`).
    var encodedDecisions: Data?

    struct Decisions: Sendable, Equatable {
        /// For each input, the index of its story in reading order (`Linked.storyIndexes`).
        var storyIndexes: [Int]
        /// In reading order.
        var stories: [Story]
        var characters: [Character]
        var cities: [City]
        var notes: [Diagnostic]
    }

    struct Story: Sendable, Equatable {
        var slug: String
        var title: String
        var titleSource: Site.TitleSource
        var pages: SiteLinker.StoryPages
    }

    struct Character: Sendable, Equatable {
        var slug: String
        var aliases: [String]
        var companions: [Int]
        var cities: [Int]
    }

    struct City: Sendable, Equatable {
        var slug: String
        var characters: [Int]
        var places: [String]
    }

    /// The last link, patched for `inputs` (whose analyses have the sources `current`), as
    /// `SiteLinker.patch` would patch it; nil when an edit reaches beyond the stories it
    /// changed, or the anthology has another number of stories, and every story is linked again.
    ///
    /// A story whose source is unchanged links as it did. One that changed is compared
    /// with its previous analysis, from `previous` (the analyses the build started from): a
    /// story that links as it did (`Input.linksLike`) has the same slug, title and pages, so
    /// the decisions apply to it as they stand, and the site is built at once from `inputs`
    /// rather than rebuilt as it was and then patched.
    func linked(with inputs: [SiteLinker.Input], sources current: [UInt64],
                previous: [String: StoryAnalysis]) -> SiteLinker.Linked? {
        guard sources.count == inputs.count, current.count == inputs.count else { return nil }
        for index in inputs.indices where current[index] != sources[index] {
            guard let analysis = previous[inputs[index].story.relativePath], analysis.source == sources[index],
                  let story = analysis.parsed, let detection = analysis.detection,
                  inputs[index].linksLike(SiteLinker.Input(story: story, entities: detection.entities)) else { return nil }
        }
        guard let site = decisions.site(of: inputs) else { return nil }
        var linked = SiteLinker.Linked(site: site, notes: decisions.notes, inputs: inputs,
                                       storyIndexes: decisions.storyIndexes, pages: decisions.stories.map(\.pages))
        linked.patched = true
        linked.generation = generation
        return linked
    }
}

extension StoredLink.Decisions {
    /// What `linked` decided.
    init(_ linked: SiteLinker.Linked) {
        let site = linked.site
        self.init(
            storyIndexes: linked.storyIndexes,
            stories: zip(site.stories, linked.pages).map {
                StoredLink.Story(slug: $0.slug, title: $0.title, titleSource: $0.titleSource, pages: $1)
            },
            characters: site.characters.map {
                StoredLink.Character(slug: $0.slug, aliases: $0.aliases, companions: $0.companions, cities: $0.cities)
            },
            cities: site.cities.map { StoredLink.City(slug: $0.slug, characters: $0.characters, places: $0.places) },
            notes: linked.notes)
    }

    /// The site these decisions make of `inputs`, exactly as `SiteLinker.link` made it; nil
    /// when they do not fit (a count or an index out of range), so that damage is never a crash.
    func site(of inputs: [SiteLinker.Input]) -> Site? {
        guard storyIndexes.count == inputs.count, stories.count == inputs.count else { return nil }
        var inputOrder = [Int](repeating: -1, count: inputs.count)
        for (inputIndex, position) in storyIndexes.enumerated() {
            guard inputOrder.indices.contains(position), inputOrder[position] == -1 else { return nil }
            inputOrder[position] = inputIndex
        }
        let characterRange = characters.indices, cityRange = cities.indices, order = inputOrder
        for (position, decided) in stories.enumerated() {
            let entities = inputs[order[position]].entities
            guard decided.pages.characters.count == entities.characters.count, decided.pages.cities.count == entities.cities.count,
                  decided.pages.characters.allSatisfy(characterRange.contains),
                  decided.pages.cities.allSatisfy(cityRange.contains) else { return nil }
        }
        // Each story on its own, on every core: a story is most of what is rebuilt.
        let siteStories = Array(stories.indices).concurrentMap { position -> Site.Story in
            let decided = stories[position], input = inputs[order[position]]
            var story = SiteLinker.story(input, slug: decided.slug, title: decided.title, source: decided.titleSource)
            // Forms add up in order of first mention, as `SiteLinker.link` adds them.
            var storyCharacters: [(position: Int, forms: [String])] = []
            for (character, page) in zip(input.entities.characters, decided.pages.characters) {
                SiteLinker.add(character.forms, for: page, to: &storyCharacters)
            }
            var storyCities: [(position: Int, forms: [String])] = []
            for (mention, page) in zip(input.entities.cities, decided.pages.cities) {
                SiteLinker.add(mention.forms, for: page, to: &storyCities)
            }
            story.characters = storyCharacters.map(\.position)
            story.cities = storyCities.map(\.position)
            story.characterForms = Dictionary(storyCharacters, uniquingKeysWith: { first, _ in first })
            story.cityForms = Dictionary(storyCities, uniquingKeysWith: { first, _ in first })
            return story
        }

        // Then the pages, in reading order: a page's name and introduction are those of its
        // first appearance, as `SiteLinker.link` gathers them.
        var siteCharacters = characters.map {
            Site.Character(slug: $0.slug, name: "", aliases: $0.aliases, introduction: "", appearances: [],
                           companions: $0.companions, cities: $0.cities)
        }
        var cityValues = [City?](repeating: nil, count: cities.count)
        var cityStories = [[Int]](repeating: [], count: cities.count)
        for (position, decided) in stories.enumerated() {
            let input = inputs[order[position]]
            for (detectedIndex, page) in decided.pages.characters.enumerated() {
                let character = input.entities.characters[detectedIndex]
                if siteCharacters[page].appearances.isEmpty {
                    siteCharacters[page].name = character.name
                    siteCharacters[page].introduction = character.sentence
                }
                siteCharacters[page].appearances.append(.init(
                    story: position, mentions: character.mentions, excerpt: input.characterExcerpts[detectedIndex]))
            }
            for (mentionIndex, page) in decided.pages.cities.enumerated() {
                if cityValues[page] == nil { cityValues[page] = input.entities.cities[mentionIndex].city }
                cityStories[page].append(position)
            }
        }

        var siteCities: [Site.CityPage] = []
        siteCities.reserveCapacity(cities.count)
        for (page, decided) in cities.enumerated() {
            guard let city = cityValues[page] else { return nil }
            siteCities.append(Site.CityPage(slug: decided.slug, city: city, stories: cityStories[page],
                                            characters: decided.characters, places: decided.places))
        }
        guard siteCharacters.allSatisfy({ !$0.appearances.isEmpty
                && $0.companions.allSatisfy(characterRange.contains) && $0.cities.allSatisfy(cityRange.contains) }),
              cities.allSatisfy({ $0.characters.allSatisfy(characterRange.contains) }) else { return nil }
        return Site(stories: siteStories, characters: siteCharacters, cities: siteCities)
    }
}
