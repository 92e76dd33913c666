/// Stage 4, link: orders the stories, names them, gives everything a slug and ties
/// characters and cities to the stories they appear in.
public struct SiteLinker: Sendable {
    /// A story after detection, with its corrections applied.
    ///
    /// What linking needs from one story alone (each character's excerpt and merge key; the
    /// opening comes with the parsed story) is worked out here, so that it runs in parallel with the other stories and
    /// is kept with the story's cached analysis: a rebuild after one save links in time
    /// proportional to the anthology, not to the length of its stories.
    public struct Input: Sendable {
        public var story: ParsedStory
        public var entities: StoryEntities
        /// For each of `entities.characters`: the text around its first mention, and the key
        /// that merges it with the same person in other stories (case and accents folded).
        var characterExcerpts: [String]
        var characterKeys: [String]

        public init(story: ParsedStory, entities: StoryEntities) {
            self.story = story
            self.entities = entities
            characterExcerpts = entities.characters.map { Excerpt.around($0.forms, in: $0.sentence) }
            characterKeys = entities.characters.map { Gazetteer.key($0.name) }
        }
    }

    /// Words per minute used for reading times: an average adult reading fiction silently.
    public static let wordsPerMinute = 230

    public init() {}

    public func link(_ inputs: [Input]) -> (site: Site, notes: [Diagnostic]) {
        // Indexes are sorted rather than the inputs, which are large values to move around.
        let ordered = inputs.indices.sorted { Self.readingOrder(inputs[$0], inputs[$1]) }.map { inputs[$0] }
        var notes: [Diagnostic] = []

        // Stories, in reading order.
        var storySlugs = SlugAllocator(kind: "story")
        var stories: [Site.Story] = ordered.map { input in
            let (title, source) = Self.title(for: input)
            let slug = storySlugs.allocate(Slug.make(title, fallback: "story"), for: title)
            let story = input.story
            return Site.Story(
                slug: slug, title: title, titleSource: source, relativePath: story.relativePath,
                date: story.frontMatter.date, author: story.frontMatter.author, summary: story.frontMatter.summary,
                markdown: story.markdown, opensWithHeading: story.opensWithHeading, wordCount: story.wordCount,
                readingMinutes: max(1, (story.wordCount + Self.wordsPerMinute - 1) / Self.wordsPerMinute),
                opening: story.opening, characters: [], cities: [],
                characterForms: [:], cityForms: [:], entities: input.entities)
        }
        notes += storySlugs.notes.map { .note("stories", $0) }

        // Characters: one page per person. A full name is the same person in every story;
        // a bare first name is only merged across stories when front matter names it.
        var characterKeys: [String] = []
        var characterByKey: [String: Site.Character] = [:]
        var storyCharacterKeys: [[String]] = Array(repeating: [], count: ordered.count)
        // How each story writes each of its characters' and cities' names, for linking mentions.
        var storyForms: [[String: [String]]] = Array(repeating: [:], count: ordered.count)
        for (storyIndex, input) in ordered.enumerated() {
            let listed = input.story.frontMatter.characters != nil
            for (position, detected) in input.entities.characters.enumerated() {
                let folded = input.characterKeys[position]
                let key = detected.name.contains(" ") || listed ? folded : "\(storyIndex)/" + folded
                let appearance = Site.Character.Appearance(
                    story: storyIndex, mentions: detected.mentions, excerpt: input.characterExcerpts[position])
                if let name = characterByKey[key]?.name {
                    // Changed in place: a copy per appearance would make recurring characters quadratic.
                    characterByKey[key]!.aliases = Array(Set(characterByKey[key]!.aliases + detected.aliases + [detected.name])
                        .subtracting([name])).sorted()
                    characterByKey[key]!.appearances.append(appearance)
                } else {
                    characterKeys.append(key)
                    characterByKey[key] = Site.Character(
                        slug: "", name: detected.name, aliases: detected.aliases, introduction: detected.sentence,
                        appearances: [appearance], companions: [], cities: [])
                }
                if !storyCharacterKeys[storyIndex].contains(key) { storyCharacterKeys[storyIndex].append(key) }
                storyForms[storyIndex]["character:" + key, default: []] += detected.forms
            }
        }
        let sortedCharacterKeys = characterKeys.sorted {
            let a = characterByKey[$0]!, b = characterByKey[$1]!
            return (a.name.lowercased(), a.name, a.appearances[0].story) < (b.name.lowercased(), b.name, b.appearances[0].story)
        }
        var characterIndex: [String: Int] = [:]
        var characterSlugs = SlugAllocator(kind: "character")
        var characters: [Site.Character] = sortedCharacterKeys.enumerated().map { index, key in
            characterIndex[key] = index
            var character = characterByKey[key]!
            character.slug = characterSlugs.allocate(Slug.make(character.name, fallback: "character"), for: character.name)
            return character
        }
        notes += characterSlugs.notes.map { .note("characters", $0) }

        // Cities: one page per real city, however each story spells it.
        var cityByID: [String: Site.CityPage] = [:]
        var storyCityIDs: [[String]] = Array(repeating: [], count: ordered.count)
        for (storyIndex, input) in ordered.enumerated() {
            for mention in input.entities.cities {
                let id = mention.city.id
                cityByID[id, default: Site.CityPage(slug: "", city: mention.city, stories: [], characters: [], places: [])]
                    .stories.append(storyIndex)
                if !storyCityIDs[storyIndex].contains(id) { storyCityIDs[storyIndex].append(id) }
                storyForms[storyIndex]["city:" + id, default: []] += mention.forms
            }
            for place in input.entities.places {
                if let id = place.cityID, cityByID[id] != nil, !cityByID[id]!.places.contains(place.name) {
                    cityByID[id]!.places.append(place.name)
                }
            }
        }
        let sortedCityIDs = cityByID.keys.sorted {
            let a = cityByID[$0]!.city, b = cityByID[$1]!.city
            return (a.name, a.countryCode, a.id) < (b.name, b.countryCode, b.id)
        }
        var cityIndex: [String: Int] = [:]
        var citySlugs = SlugAllocator(kind: "city")
        var cities: [Site.CityPage] = sortedCityIDs.enumerated().map { index, id in
            cityIndex[id] = index
            var page = cityByID[id]!
            page.slug = citySlugs.allocate(Slug.make(page.city.name, fallback: "city"), for: page.city.name)
            page.places.sort()
            return page
        }
        notes += citySlugs.notes.map { .note("cities", $0) }

        // Relations.
        for storyIndex in stories.indices {
            stories[storyIndex].characters = storyCharacterKeys[storyIndex].compactMap { characterIndex[$0] }
            stories[storyIndex].cities = storyCityIDs[storyIndex].compactMap { cityIndex[$0] }
            for key in storyCharacterKeys[storyIndex] {
                if let index = characterIndex[key] { stories[storyIndex].characterForms[index] = storyForms[storyIndex]["character:" + key] }
            }
            for id in storyCityIDs[storyIndex] {
                if let index = cityIndex[id] { stories[storyIndex].cityForms[index] = storyForms[storyIndex]["city:" + id] }
            }
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
        return (Site(stories: stories, characters: characters, cities: cities), notes)
    }

    /// Front matter `order`, then `date`, then file name: an editor can pin any story.
    static func readingOrder(_ a: Input, _ b: Input) -> Bool {
        let fa = a.story.frontMatter, fb = b.story.frontMatter
        if fa.order != fb.order { return (fa.order ?? .max) < (fb.order ?? .max) }
        if fa.date != fb.date {
            guard let da = fa.date else { return false }
            guard let db = fb.date else { return true }
            return da < db
        }
        return a.story.relativePath < b.story.relativePath
    }
}
