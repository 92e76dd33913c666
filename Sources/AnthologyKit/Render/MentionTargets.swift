/// Where the first mention of each character and city in a story links to.
///
/// The anchor ids are made once per build, one per character and city: the anchors each
/// story places keep them for the whole build (`PlacedAnchors`, in the render cache), and ids
/// made story by story were 2 MB more at 10,000 stories. The addresses are made per story,
/// as asked: `serve` asks only for the stories a save changed, and making every address
/// first, at every save, cost it more than the rest of planning them.
struct MentionTargets: Sendable {
    let site: Site
    private let characterIDs: [String]
    private let cityIDs: [String]

    init(site: Site) {
        self.site = site
        // Slugs read in place: mapping the arrays copied every character and city whole,
        // retaining each of their fields, at every preview save.
        characterIDs = site.characters.withUnsafeBufferPointer { characters in
            characters.indices.map { SitePaths.characterAnchor(characters[$0].slug) }
        }
        cityIDs = site.cities.withUnsafeBufferPointer { cities in
            cities.indices.map { SitePaths.cityAnchor(cities[$0].slug) }
        }
    }

    /// The root of every story page, which all sit at the same depth, whatever their slugs.
    private static let root = SitePaths.root(of: SitePaths.story("story"))

    /// The targets of story `index`: its characters, then its cities, in order of first mention.
    func story(_ index: Int) -> [MarkdownDocument.MentionTarget] {
        // Fields are read in place: a copy of the whole story would cost more than the rest.
        var targets: [MarkdownDocument.MentionTarget] = []
        targets.reserveCapacity(site.stories[index].characters.count + site.stories[index].cities.count)
        for character in site.stories[index].characters {
            targets.append(.init(forms: site.stories[index].characterForms[character]
                                     ?? [site.characters[character].name] + site.characters[character].aliases,
                                 href: Self.root + SitePaths.character(site.characters[character].slug),
                                 id: characterIDs[character]))
        }
        for city in site.stories[index].cities {
            targets.append(.init(forms: site.stories[index].cityForms[city] ?? [site.cities[city].city.name],
                                 href: Self.root + SitePaths.city(site.cities[city].slug), id: cityIDs[city]))
        }
        return targets
    }
}
