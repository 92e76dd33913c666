/// Where the first mention of each character and city in a story links to.
///
/// Every story page sits at the same depth, so each character's and city's address and
/// anchor is made once per build rather than once per story that mentions them: `serve`
/// works out the targets of every story after each save, to tell which bodies changed.
struct MentionTargets: Sendable {
    let site: Site
    private let characters: [(href: String, id: String)]
    private let cities: [(href: String, id: String)]

    init(site: Site) {
        self.site = site
        // `story(_:)` puts every story at the same depth, whatever its slug.
        let root = SitePaths.root(of: SitePaths.story("story"))
        characters = site.characters.map { (root + SitePaths.character($0.slug), SitePaths.characterAnchor($0.slug)) }
        cities = site.cities.map { (root + SitePaths.city($0.slug), SitePaths.cityAnchor($0.slug)) }
    }

    /// The targets of story `index`: its characters, then its cities, in order of first mention.
    func story(_ index: Int) -> [MarkdownDocument.MentionTarget] {
        let story = site.stories[index]
        var targets: [MarkdownDocument.MentionTarget] = []
        targets.reserveCapacity(story.characters.count + story.cities.count)
        for index in story.characters {
            let character = site.characters[index]
            targets.append(.init(forms: story.characterForms[index] ?? [character.name] + character.aliases,
                                 href: characters[index].href, id: characters[index].id))
        }
        for index in story.cities {
            targets.append(.init(forms: story.cityForms[index] ?? [site.cities[index].city.name],
                                 href: cities[index].href, id: cities[index].id))
        }
        return targets
    }
}
