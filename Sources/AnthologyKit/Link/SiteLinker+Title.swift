extension SiteLinker {
    /// A story's title: front matter `title`, else its first heading, else one derived from
    /// the story itself:
    /// - the two most-mentioned characters by first name, in order of appearance: "Sophie and Akira";
    /// - one character, with the story's city when it has one: "Nora in Tokyo", or just "Nora";
    /// - no character: the city ("Tokyo"), else the first words of the opening sentence.
    static func title(for input: Input) -> (String, Site.TitleSource) {
        if let title = input.story.frontMatter.title, !title.isEmpty { return (title, .frontMatter) }
        if let heading = input.story.headingTitle { return (heading, .heading) }
        return (derivedTitle(input.entities, leadWords: input.story.leadWords), .derived)
    }

    /// How many words of the text a derived title takes, at most.
    static let derivedTitleWords = 6

    /// `leadWords`: the first words of the text (`ParsedStory.leadWords`).
    static func derivedTitle(_ entities: StoryEntities, leadWords: String) -> String {
        let leads = entities.characters
            .filter { $0.mentions > 0 }
            .sorted { ($1.mentions, $0.firstOffset) < ($0.mentions, $1.firstOffset) }
            .prefix(2)
            .sorted { $0.firstOffset < $1.firstOffset }
            .map { $0.name.split(separator: " ").first.map(String.init) ?? $0.name }
        let city = entities.cities.first?.city.name
        switch (leads.count, city) {
        case (2, _): return "\(leads[0]) and \(leads[1])"
        case (1, let city?): return "\(leads[0]) in \(city)"
        case (1, nil): return leads[0]
        case (_, let city?): return city
        default: return leadWords
        }
    }
}
