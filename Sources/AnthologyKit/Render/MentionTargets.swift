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
        characters = site.characters.indices.map { index in
            let slug = site.characters[index].slug
            return (root + SitePaths.character(slug), SitePaths.characterAnchor(slug))
        }
        cities = site.cities.indices.map { index in
            let slug = site.cities[index].slug
            return (root + SitePaths.city(slug), SitePaths.cityAnchor(slug))
        }
    }

    /// The targets of story `index`: its characters, then its cities, in order of first mention.
    func story(_ index: Int) -> [MarkdownDocument.MentionTarget] {
        // Fields are read in place: a copy of the whole story would cost more than the rest.
        var targets: [MarkdownDocument.MentionTarget] = []
        targets.reserveCapacity(site.stories[index].characters.count + site.stories[index].cities.count)
        for character in site.stories[index].characters {
            targets.append(.init(forms: site.stories[index].characterForms[character]
                                     ?? [site.characters[character].name] + site.characters[character].aliases,
                                 href: characters[character].href, id: characters[character].id))
        }
        for city in site.stories[index].cities {
            targets.append(.init(forms: site.stories[index].cityForms[city] ?? [site.cities[city].city.name],
                                 href: cities[city].href, id: cities[city].id))
        }
        return targets
    }
}
