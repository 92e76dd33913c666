/// Where the first mention of each character and city in a story links to.
///
/// Worked out for each story as it is asked for: `serve` asks only for the stories a save
/// changed, and making every character's and city's address and anchor first, once per
/// build, cost it more than the rest of planning them (and freeing them again after).
struct MentionTargets: Sendable {
    let site: Site

    init(site: Site) {
        self.site = site
    }

    /// The root of every story page, which all sit at the same depth, whatever their slugs.
    private static let root = SitePaths.root(of: SitePaths.story("story"))

    /// The targets of story `index`: its characters, then its cities, in order of first mention.
    func story(_ index: Int) -> [MarkdownDocument.MentionTarget] {
        // Fields are read in place: a copy of the whole story would cost more than the rest.
        var targets: [MarkdownDocument.MentionTarget] = []
        targets.reserveCapacity(site.stories[index].characters.count + site.stories[index].cities.count)
        for character in site.stories[index].characters {
            let slug = site.characters[character].slug
            targets.append(.init(forms: site.stories[index].characterForms[character]
                                     ?? [site.characters[character].name] + site.characters[character].aliases,
                                 href: Self.root + SitePaths.character(slug), id: SitePaths.characterAnchor(slug)))
        }
        for city in site.stories[index].cities {
            let slug = site.cities[city].slug
            targets.append(.init(forms: site.stories[index].cityForms[city] ?? [site.cities[city].city.name],
                                 href: Self.root + SitePaths.city(slug), id: SitePaths.cityAnchor(slug)))
        }
        return targets
    }
}
