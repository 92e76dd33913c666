import Foundation
import Testing
@testable import AnthologyKit

/// The renderer skips a page when its fingerprint is unchanged, and it computes fingerprints
/// from the linked site rather than from the page's whole template context. These tests
/// change the site one value at a time and check that whenever a page's context (everything
/// its template can show) changes, its fingerprint changes too: otherwise an incremental
/// build would leave that page stale.
@Suite("Page fingerprints")
struct PageFingerprintTests {
    struct Fingerprints {
        /// The renderer's fingerprint and a hash of the full context, by page path.
        var pages: [String: (page: UInt64, context: UInt64)] = [:]
    }

    static let renderer: SiteRenderer = {
        let (templates, _) = TemplateSet.load(from: FixtureAnthology.repository.appendingPathComponent("templates"), displayFolder: "templates")
        return SiteRenderer(templates: templates!, metadata: SiteMetadata(title: "Harbour Lights"))
    }()

    /// The shipped templates with a story card that names every value a card can hold
    /// (the shipped one leaves out the word count, and so the cards do).
    static let showingEveryCardValue: SiteRenderer = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("anthology-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try! FileManager.default.copyItem(at: FixtureAnthology.repository.appendingPathComponent("templates"), to: folder)
        let card = folder.appendingPathComponent("partials/story-card.mustache")
        let every = StoryCardFields.keys.flatMap(\.keys).map { "{{\($0)}}" }.joined()
        try! Data((try! String(contentsOf: card, encoding: .utf8) + every).utf8).write(to: card)
        let (templates, _) = TemplateSet.load(from: folder, displayFolder: "templates")
        return SiteRenderer(templates: templates!, metadata: SiteMetadata(title: "Harbour Lights"))
    }()

    /// A feed shorter than the fixture, so that which stories it lists depends on their dates.
    static let shortFeed: SiteRenderer = {
        var short = renderer
        short.metadata.feedLimit = 2
        return short
    }()

    static let renderers = ["shipped templates": renderer, "a card showing every value": showingEveryCardValue,
                            "a feed of two stories": shortFeed]

    static func fingerprints(_ site: Site, anchors: [PlacedAnchors], renderer: SiteRenderer = renderer) -> Fingerprints {
        let fingerprints = renderer.fingerprints(site)
        var contexts = renderer.contexts(site)
        contexts.placedAnchors = anchors
        var result = Fingerprints()
        let mentions = MentionTargets(site: site)
        for index in site.stories.indices {
            let path = SitePaths.story(site.stories[index].slug)
            let body = SiteRenderer.bodyFingerprint(markdownHash: site.stories[index].markdownHash,
                                                    opensWithHeading: site.stories[index].opensWithHeading, targets: mentions.story(index))
            var context = ContentHash()
            context.combine(body)
            ContextFingerprint.combine(contexts.story(index, body: ""), into: &context)
            result.pages[path] = (fingerprints.story(index, path: path, body: body), context.value)
        }
        for page in renderer.pageList(site, fingerprints: fingerprints) {
            var context = ContentHash()
            context.combine(page.template)
            ContextFingerprint.combine(page.context(contexts), into: &context)
            result.pages[page.path] = (page.fingerprint(anchors), context.value)
        }
        let feed = AtomFeed(site: site, metadata: renderer.metadata)
        result.pages[SitePaths.feed] = (fingerprints.feed(feed, entries: site.stories.indices.map(fingerprints.feedEntry)),
                                        ContentHash.of(feed.render()))
        return result
    }

    /// The fixture anthology, linked, with every mention anchor of each story placed.
    static func fixture() throws -> (Site, [PlacedAnchors]) {
        let folder = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { folder.remove() }
        var report = BuildReport()
        let site = try Builder(options: folder.options).analyse(report: &report)
        let mentions = MentionTargets(site: site)
        let anchors = site.stories.indices.map { PlacedAnchors(mentions.story($0).map(\.id)) }
        return (site, anchors)
    }

    typealias Change = (name: String, apply: @Sendable (inout Site, inout [PlacedAnchors]) -> Void)

    /// One change to every value a page can show, each on its own.
    static let changes: [Change] = [
        ("story title", { site, _ in site.stories[1].title += " Again" }),
        ("story slug", { site, _ in site.stories[1].slug += "-again" }),
        ("story summary", { site, _ in site.stories[1].summary = "A summary." }),
        ("story opening", { site, _ in site.stories[1].opening += " More." }),
        ("story author", { site, _ in site.stories[1].author = "A. Writer" }),
        ("story date", { site, _ in site.stories[1].date = StoryDate(parsing: "2020-02-02") }),
        ("story word count", { site, _ in site.stories[1].wordCount += 1 }),
        ("story reading time", { site, _ in site.stories[1].readingMinutes += 1 }),
        ("story text", { site, _ in site.stories[1].markdown += "\nOne more line.\n" }),
        ("story opens with heading", { site, _ in site.stories[1].opensWithHeading.toggle() }),
        ("story characters", { site, _ in site.stories[1].characters.removeLast() }),
        ("story character order", { site, _ in site.stories[1].characters.reverse() }),
        ("story cities", { site, _ in site.stories[1].cities.removeAll() }),
        ("story character forms", { site, _ in
            let key = site.stories[1].characterForms.keys.sorted()[0]
            site.stories[1].characterForms[key, default: []].append("Someone")
        }),
        ("story order", { site, _ in site.stories.swapAt(0, 2) }),
        ("character name", { site, _ in site.characters[0].name += " Jr" }),
        ("character namesake", { site, _ in site.characters[1].name = site.characters[0].name }),
        ("character slug", { site, _ in site.characters[0].slug += "-jr" }),
        ("character aliases", { site, _ in site.characters[0].aliases.append("Nickname") }),
        ("character introduction", { site, _ in site.characters[0].introduction += " Indeed." }),
        ("character mentions", { site, _ in site.characters[0].appearances[0].mentions += 1 }),
        ("character excerpt", { site, _ in site.characters[0].appearances[0].excerpt += " Indeed." }),
        ("character appearances", { site, _ in site.characters[0].appearances.append(site.characters[0].appearances[0]) }),
        ("character companions", { site, _ in site.characters[0].companions = [1] }),
        ("character cities", { site, _ in site.characters[0].cities = [] }),
        ("city name", { site, _ in site.cities[0].city.name += " City" }),
        ("city slug", { site, _ in site.cities[0].slug += "-city" }),
        ("city country", { site, _ in site.cities[0].city.countryName = "Elsewhere" }),
        ("city country code", { site, _ in site.cities[0].city.countryCode = "ZZ" }),
        ("city population", { site, _ in site.cities[0].city.population += 1 }),
        ("city places", { site, _ in site.cities[0].places.append("The Old Pier") }),
        ("city stories", { site, _ in site.cities[0].stories.removeLast() }),
        ("city characters", { site, _ in site.cities[0].characters.removeLast() }),
        ("anchors placed in a story", { _, anchors in anchors[0] = [] }),
        ("story count", { site, anchors in
            var story = site.stories[2]
            story.slug += "-sequel"
            site.stories.append(story)
            anchors.append(anchors[2])
        }),
        ("character count", { site, _ in
            var character = site.characters[0]
            character.slug += "-junior"
            site.characters.append(character)
        }),
        ("city count", { site, _ in
            var city = site.cities[0]
            city.slug += "-new"
            site.cities.append(city)
        }),
    ]

    @Test("The fixture has what the changes need")
    func fixtureShape() throws {
        #expect(Self.showingEveryCardValue.templates.cardFields == .all)
        #expect(Self.renderer.templates.cardFields != .all)
        let (site, _) = try Self.fixture()
        #expect(site.stories.count >= 3)
        #expect(site.stories[1].characters.count >= 2)
        #expect(!site.stories[1].cities.isEmpty)
        #expect(site.characters.count >= 2)
        #expect(site.cities[0].stories.count >= 1 && site.cities[0].characters.count >= 1)
    }

    @Test("Every change a template can show changes the page's fingerprint",
          arguments: changes.map(\.name), renderers.keys.sorted())
    func changeIsSeen(name: String, templates: String) throws {
        let change = try #require(Self.changes.first { $0.name == name })
        let renderer = try #require(Self.renderers[templates])
        let (site, anchors) = try Self.fixture()
        let before = Self.fingerprints(site, anchors: anchors, renderer: renderer)
        var changedSite = site
        var changedAnchors = anchors
        change.apply(&changedSite, &changedAnchors)
        let after = Self.fingerprints(changedSite, anchors: changedAnchors, renderer: renderer)

        var contextsChanged = 0
        for (path, old) in before.pages {
            guard let new = after.pages[path], new.context != old.context else { continue }
            contextsChanged += 1
            #expect(new.page != old.page, "\(path) shows the \(name) change, but its fingerprint stayed the same")
        }
        // A change no page shows would prove nothing.
        #expect(contextsChanged > 0 || Set(before.pages.keys) != Set(after.pages.keys))
    }

    @Test("Site settings reach every page")
    func settingsAreSeen() throws {
        let (site, anchors) = try Self.fixture()
        var renamed = Self.renderer
        renamed.metadata.title = "Harbour Lights, Revised"
        let before = Self.fingerprints(site, anchors: anchors)
        let after = Self.fingerprints(site, anchors: anchors, renderer: renamed)
        for (path, old) in before.pages {
            #expect(after.pages[path]?.page != old.page, "\(path)")
        }
    }

    /// What an edit that keeps the last link can change in a story (`SiteLinker.patch`):
    /// not its path, title, front matter or entities.
    static let patchableChanges: [Change] = [
        ("story text", { site, _ in site.stories[1].markdown += "\nOne more line.\n" }),
        ("story opening", { site, _ in site.stories[1].opening += " More." }),
        ("story word count", { site, _ in site.stories[1].wordCount += 1 }),
        ("story reading time", { site, _ in site.stories[1].readingMinutes += 1 }),
        ("story opens with heading", { site, _ in site.stories[1].opensWithHeading.toggle() }),
        ("anchors placed in the story", { _, anchors in anchors[1] = [] }),
    ]

    @Test("What an edit that keeps the link changes in a story shows only on the pages it reaches",
          arguments: patchableChanges.map(\.name))
    func patchableChangeStaysInReach(name: String) throws {
        let (site, anchors) = try Self.fixture()
        let change = try #require(Self.patchableChanges.first { $0.name == name })
        var changed = site, changedAnchors = anchors
        change.apply(&changed, &changedAnchors)
        let before = Self.fingerprints(site, anchors: anchors)
        let after = Self.fingerprints(changed, anchors: changedAnchors)
        let fingerprints = Self.renderer.fingerprints(changed, lazily: true)
        let reach = Set(Self.renderer.pages(reachedBy: [1], in: changed, fingerprints: fingerprints).map(\.path))
            .union([SitePaths.story(site.stories[1].slug), SitePaths.feed])
        let shown = Set(before.pages.keys.filter { before.pages[$0]!.context != after.pages[$0]!.context })
        #expect(!shown.isEmpty, "the change shows nowhere: \(name)")
        #expect(shown.isSubset(of: reach), "\(name) shows on \(shown.subtracting(reach).sorted()), beyond \(reach.sorted())")
        #expect(reach.count < before.pages.count, "every page is in reach")
    }

    @Test("A story added changes the pages that list the site, not the other stories' pages")
    func countsAreShownOnlyWhereTheSiteIsListed() throws {
        let (site, anchors) = try Self.fixture()
        var grown = site
        var story = site.stories[2]
        story.slug += "-sequel"
        grown.stories.append(story)
        let before = Self.fingerprints(site, anchors: anchors)
        let after = Self.fingerprints(grown, anchors: anchors + [anchors[2]])
        let differing = Set(before.pages.keys.filter { before.pages[$0]!.page != after.pages[$0]!.page })
        #expect(differing.isSuperset(of: [SitePaths.home, SitePaths.charactersIndex, SitePaths.citiesIndex, SitePaths.notFound]))
        // The new story follows the last one, whose page links to it; the others are as they were.
        #expect(differing.contains(SitePaths.story(site.stories[2].slug)))
        #expect(!differing.contains(SitePaths.story(site.stories[0].slug)))
        #expect(!differing.contains(SitePaths.story(site.stories[1].slug)))
        #expect(!differing.contains(SitePaths.character(site.characters[0].slug)))
    }

    @Test("Fingerprints worked out lazily equal those worked out at once")
    func lazyFingerprintsAreTheSame() throws {
        let (site, anchors) = try Self.fixture()
        let eager = Self.renderer.fingerprints(site)
        let lazy = Self.renderer.fingerprints(site, lazily: true)
        let eagerPages = Self.renderer.pageList(site, fingerprints: eager)
        let lazyPages = Self.renderer.pageList(site, fingerprints: lazy)
        #expect(eagerPages.map(\.path) == lazyPages.map(\.path))
        #expect(eagerPages.map { $0.fingerprint(anchors) } == lazyPages.map { $0.fingerprint(anchors) })
        #expect(site.stories.indices.map(eager.feedEntry) == site.stories.indices.map(lazy.feedEntry))
        for index in site.stories.indices {
            #expect(eager.story(index, path: "p", body: 1) == lazy.story(index, path: "p", body: 1))
        }
    }

    @Test("A new opening re-renders the lists that show it, not the pages that only link to the story")
    func openingIsLocal() throws {
        let (site, anchors) = try Self.fixture()
        var changed = site
        changed.stories[1].opening += " More."
        let before = Self.fingerprints(site, anchors: anchors)
        let after = Self.fingerprints(changed, anchors: anchors)
        let differing = Set(before.pages.keys.filter { before.pages[$0]!.page != after.pages[$0]!.page })
        #expect(differing.contains(SitePaths.home))
        #expect(differing.contains(SitePaths.story(site.stories[1].slug)))
        #expect(!differing.contains(SitePaths.story(site.stories[0].slug)))
        #expect(!differing.contains { $0.hasPrefix("characters/") })
    }
}
