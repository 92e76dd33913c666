/// Stage 4, link: orders the stories, names them, gives everything a slug and ties
/// characters and cities to the stories they appear in.
public struct SiteLinker: Sendable {
    /// A story after detection, with its corrections applied.
    ///
    /// What linking needs from one story alone (each character's excerpt; the opening comes
    /// with the parsed story) is worked out here, so that it runs in parallel with the other
    /// stories and is kept with the story's cached analysis: a rebuild after one save links
    /// in time proportional to the anthology, not to the length of its stories. A class, so
    /// that the cache and each relink share it rather than copy it.
    public final class Input: Sendable {
        public let story: ParsedStory
        public let entities: StoryEntities
        /// For each of `entities.characters`: the text around its first mention.
        let characterExcerpts: [String]

        public init(story: ParsedStory, entities: StoryEntities) {
            self.story = story
            self.entities = entities
            characterExcerpts = entities.characters.map { Excerpt.around($0.forms, in: $0.sentence) }
        }
    }

    /// Words per minute used for reading times: an average adult reading fiction silently.
    public static let wordsPerMinute = 230

    public init() {}

    public func link(_ inputs: [Input]) -> (site: Site, notes: [Diagnostic]) {
        var previous: Linked?
        let linked = link(inputs, after: &previous)
        return (linked.site, linked.notes)
    }

    /// Links `inputs`, starting from `previous`, the link of the same anthology before an
    /// edit. When the edit allows it (see `SiteLinker+Patch.swift`), `previous` is patched in
    /// place and taken, so that only the changed stories are copied; otherwise every story is
    /// linked again and `previous` is left to the caller, who may free it when that costs
    /// nothing (`BuildCache.retired`).
    func link(_ inputs: [Input], after previous: inout Linked?) -> Linked {
        if previous != nil, Self.patch(&previous!, with: inputs) { return previous.take()! }
        // Indexes are sorted rather than the inputs, which are large values to move around;
        // every sort below compares precomputed keys, as `serve` may link the whole
        // anthology again after a save.
        let keys = inputs.map(ReadingOrder.init)
        let order = inputs.indices.sorted { keys[$0] < keys[$1] }
        var notes: [Diagnostic] = []
        // The keys that merge a character with the same person in other stories (case and
        // accents folded), on every core. Only here: a link rebuilt from the disk cache
        // (`StoredLink`) does not merge, and folding every name again cost it 6 ms.
        let characterKeys = inputs.concurrentMap { $0.entities.characters.map { Gazetteer.key($0.name) } }

        // Stories, in reading order. Titles and the slugs they ask for, then the stories
        // themselves, are made on every core; only handing out the slugs goes in order.
        let titles = order.concurrentMap { inputIndex in
            let (title, source) = Self.title(for: inputs[inputIndex])
            return (title: title, source: source, slug: Slug.make(title, fallback: "story"))
        }
        var storySlugs = SlugAllocator(kind: "story", plural: "stories")
        let slugs = titles.map { storySlugs.allocate($0.slug, for: $0.title) }
        var stories: [Site.Story] = Array(order.indices).concurrentMap { position in
            Self.story(inputs[order[position]], slug: slugs[position], title: titles[position].title, source: titles[position].source)
        }
        notes += storySlugs.notes.map { .note("stories", $0) }

        // Characters: one page per person. A full name is the same person in every story;
        // a bare first name is only merged across stories when front matter names it.
        var gathered: [Site.Character] = []
        /// Every name of a character met in more than one story; nil while met in one.
        var mergedNames: [Set<String>?] = []
        var gatheredByKey: [String: Int] = [:]
        // Each story's characters and cities (by gathered position), in order of first
        // mention, with how the story writes their names, for linking mentions.
        var storyCharacters: [[(position: Int, forms: [String])]] = Array(repeating: [], count: order.count)
        // Which page each detected character and city became, by gathered position until sorted.
        var characterPagesOfStories: [[Int]] = Array(repeating: [], count: order.count)
        for (storyIndex, inputIndex) in order.enumerated() {
            let input = inputs[inputIndex]
            let listed = input.story.frontMatter.characters != nil
            for (position, detected) in input.entities.characters.enumerated() {
                let folded = characterKeys[inputIndex][position]
                let key = detected.name.containsSpace || listed ? folded : "\(storyIndex)/" + folded
                let appearance = Site.Character.Appearance(
                    story: storyIndex, mentions: detected.mentions, excerpt: input.characterExcerpts[position])
                let found: Int
                if let existing = gatheredByKey[key] {
                    found = existing
                    // Changed in place: a copy per appearance would make recurring characters quadratic.
                    if mergedNames[found] == nil { mergedNames[found] = Set(gathered[found].aliases) }
                    mergedNames[found]!.formUnion(detected.aliases)
                    mergedNames[found]!.insert(detected.name)
                    gathered[found].appearances.append(appearance)
                } else {
                    found = gathered.count
                    gatheredByKey[key] = found
                    gathered.append(Site.Character(
                        slug: "", name: detected.name, aliases: detected.aliases, introduction: detected.sentence,
                        appearances: [appearance], companions: [], cities: []))
                    mergedNames.append(nil)
                }
                Self.add(detected.forms, for: found, to: &storyCharacters[storyIndex])
                characterPagesOfStories[storyIndex].append(found)
            }
        }
        for (position, names) in mergedNames.enumerated() {
            guard var names else { continue }
            names.remove(gathered[position].name)
            gathered[position].aliases = names.sorted()
        }
        let characterOrder = gathered.indices.map { ($0, gathered[$0].name.lowercased()) }.sorted {
            let a = gathered[$0.0], b = gathered[$1.0]
            return ($0.1, a.name, a.appearances[0].story) < ($1.1, b.name, b.appearances[0].story)
        }.map(\.0)
        var characterIndex = [Int](repeating: 0, count: gathered.count)
        var characterSlugs = SlugAllocator(kind: "character", plural: "characters")
        var characters: [Site.Character] = characterOrder.enumerated().map { index, position in
            characterIndex[position] = index
            var character = gathered[position]
            character.slug = characterSlugs.allocate(Slug.make(character.name, fallback: "character"), for: character.name)
            return character
        }
        gathered = []
        notes += characterSlugs.notes.map { .note("characters", $0) }

        // Cities: one page per real city, however each story spells it.
        var cityPages: [Site.CityPage] = []
        var cityByID: [String: Int] = [:]
        var storyCities: [[(position: Int, forms: [String])]] = Array(repeating: [], count: order.count)
        var cityPagesOfStories: [[Int]] = Array(repeating: [], count: order.count)
        for (storyIndex, inputIndex) in order.enumerated() {
            let entities = inputs[inputIndex].entities
            for mention in entities.cities {
                let position: Int
                if let existing = cityByID[mention.city.id] {
                    position = existing
                } else {
                    position = cityPages.count
                    cityByID[mention.city.id] = position
                    cityPages.append(Site.CityPage(slug: "", city: mention.city, stories: [], characters: [], places: []))
                }
                cityPages[position].stories.append(storyIndex)
                Self.add(mention.forms, for: position, to: &storyCities[storyIndex])
                cityPagesOfStories[storyIndex].append(position)
            }
            for place in entities.places {
                if let id = place.cityID, let position = cityByID[id], !cityPages[position].places.contains(place.name) {
                    cityPages[position].places.append(place.name)
                }
            }
        }
        let cityOrder = cityPages.indices.sorted {
            let a = cityPages[$0].city, b = cityPages[$1].city
            return (a.name, a.countryCode, a.id) < (b.name, b.countryCode, b.id)
        }
        var cityIndex = [Int](repeating: 0, count: cityPages.count)
        var citySlugs = SlugAllocator(kind: "city", plural: "cities")
        var cities: [Site.CityPage] = cityOrder.enumerated().map { index, position in
            cityIndex[position] = index
            var page = cityPages[position]
            page.slug = citySlugs.allocate(Slug.make(page.city.name, fallback: "city"), for: page.city.name)
            page.places.sort()
            return page
        }
        cityPages = []
        notes += citySlugs.notes.map { .note("cities", $0) }

        // Relations.
        for storyIndex in stories.indices {
            stories[storyIndex].characters = storyCharacters[storyIndex].map { characterIndex[$0.position] }
            stories[storyIndex].cities = storyCities[storyIndex].map { cityIndex[$0.position] }
            for (position, forms) in storyCharacters[storyIndex] { stories[storyIndex].characterForms[characterIndex[position]] = forms }
            for (position, forms) in storyCities[storyIndex] { stories[storyIndex].cityForms[cityIndex[position]] = forms }
            characterPagesOfStories[storyIndex] = characterPagesOfStories[storyIndex].map { characterIndex[$0] }
            cityPagesOfStories[storyIndex] = cityPagesOfStories[storyIndex].map { cityIndex[$0] }
        }
        for index in characters.indices {
            let storyIndexes = characters[index].appearances.map(\.story)
            let companions = Set(storyIndexes.flatMap { stories[$0].characters }).subtracting([index])
            characters[index].companions = companions.sorted()
            characters[index].cities = Set(storyIndexes.flatMap { stories[$0].cities }).sorted()
        }
        for index in cities.indices {
            cities[index].characters = Set(cities[index].stories.flatMap { stories[$0].characters }).sorted()
        }
        var storyIndexes = [Int](repeating: 0, count: inputs.count)
        for (position, inputIndex) in order.enumerated() { storyIndexes[inputIndex] = position }
        // Sorted here, once, as the build report lists them: a later sort of the report finds
        // them in order, and a patched link (a large archive can have thousands) keeps them so.
        notes.sort()
        return Linked(site: Site(stories: stories, characters: characters, cities: cities), notes: notes,
                      inputs: inputs, storyIndexes: storyIndexes,
                      pages: zip(characterPagesOfStories, cityPagesOfStories).map { StoryPages(characters: $0, cities: $1) })
    }

    /// A story as linking makes it, before it is tied to its characters and cities.
    static func story(_ input: Input, slug: String, title: String, source: Site.TitleSource) -> Site.Story {
        let story = input.story
        return Site.Story(
            slug: slug, title: title, titleSource: source, relativePath: story.relativePath,
            date: story.frontMatter.date, author: story.frontMatter.author, summary: story.frontMatter.summary,
            markdown: story.markdown, markdownHash: story.markdownHash, markdownIsRead: story.markdownIsRead,
            opensWithHeading: story.opensWithHeading,
            wordCount: story.wordCount, readingMinutes: max(1, (story.wordCount + wordsPerMinute - 1) / wordsPerMinute),
            opening: story.opening, characters: [], cities: [],
            characterForms: [:], cityForms: [:], entities: input.entities)
    }

    /// Adds how a story writes an entity's name to that story's list, in order of first
    /// mention (two detected names can fold into one entity, whose forms then add up).
    static func add(_ forms: [String], for position: Int, to list: inout [(position: Int, forms: [String])]) {
        if let existing = list.firstIndex(where: { $0.position == position }) {
            list[existing].forms += forms
        } else {
            list.append((position, forms))
        }
    }

    /// Front matter `order`, then `date` (undated stories last), then file name: an editor can
    /// pin any story. Taken out of each story once: comparing stories' front matter directly
    /// copied it, with a retain and a release of each of its strings, at every comparison.
    struct ReadingOrder: Comparable {
        var order: Int
        var undated: Bool
        var date: StoryDate?
        var path: String

        init(_ input: Input) {
            let frontMatter = input.story.frontMatter
            order = frontMatter.order ?? .max
            undated = frontMatter.date == nil
            date = frontMatter.date
            path = input.story.relativePath
        }

        static func < (a: ReadingOrder, b: ReadingOrder) -> Bool {
            if a.order != b.order { return a.order < b.order }
            if a.undated != b.undated { return !a.undated }
            if let da = a.date, let db = b.date, da != db { return da < db }
            return a.path < b.path
        }
    }
}
