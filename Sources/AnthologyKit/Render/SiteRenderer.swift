import Foundation

/// Stage 5, render: turns the linked site into HTML files.
///
/// Story pages come first because they decide which mentions get a link (and so which
/// `#fragment` ids exist); character pages then point only at anchors that are really there.
/// Besides the pages it writes the files hosts and crawlers look for: `404.html`,
/// `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    public var metadata: SiteMetadata

    public init(templates: TemplateSet, metadata: SiteMetadata = SiteMetadata()) {
        self.templates = templates
        self.metadata = metadata
    }

    public func render(_ site: Site) -> [OutputFile] {
        var contexts = PageContexts(site: site, metadata: metadata)
        var files: [OutputFile] = []

        for index in site.stories.indices {
            let (body, anchors) = storyBody(index, in: site)
            contexts.placedAnchors.append(anchors)
            let page = SitePaths.story(site.stories[index].slug)
            files.append(OutputFile(path: page, text: templates.render(contexts.story(index, body: body), page: "story")))
        }
        files.append(OutputFile(path: SitePaths.home, text: templates.render(contexts.home(), page: "home")))
        files.append(OutputFile(path: SitePaths.charactersIndex, text: templates.render(contexts.charactersIndex(), page: "characters")))
        files.append(OutputFile(path: SitePaths.citiesIndex, text: templates.render(contexts.citiesIndex(), page: "cities")))
        for index in site.characters.indices {
            files.append(OutputFile(path: SitePaths.character(site.characters[index].slug),
                                    text: templates.render(contexts.character(index), page: "character")))
        }
        for index in site.cities.indices {
            files.append(OutputFile(path: SitePaths.city(site.cities[index].slug),
                                    text: templates.render(contexts.city(index), page: "city")))
        }
        files.append(OutputFile(path: SitePaths.notFound, text: templates.render(contexts.notFound(), page: "404")))
        let pages = files.map(\.path).filter { $0.hasSuffix(".html") }
        files.append(OutputFile(path: SitePaths.sitemap, text: Sitemap(pages: pages, baseURL: metadata.baseURL).render()))
        files.append(OutputFile(path: SitePaths.robots, text: RobotsFile(baseURL: metadata.baseURL).render()))
        files.append(OutputFile(path: SitePaths.feed, text: AtomFeed(site: site, metadata: metadata).render()))
        for asset in templates.assets {
            files.append(OutputFile(path: "assets/" + asset.path, contents: asset.data))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The story's HTML with the first mention of each character and city linked to its page.
    func storyBody(_ index: Int, in site: Site) -> (html: String, anchors: Set<String>) {
        let story = site.stories[index]
        let root = SitePaths.root(of: SitePaths.story(story.slug))
        let document = MarkdownDocument(markdown: story.markdown)
        if story.opensWithHeading { document.removeOpeningHeading() }
        var targets: [MarkdownDocument.MentionTarget] = []
        for index in story.characters {
            let character = site.characters[index]
            targets.append(.init(forms: story.characterForms[index] ?? [character.name] + character.aliases,
                                 href: root + SitePaths.character(character.slug),
                                 id: SitePaths.characterAnchor(character.slug)))
        }
        for index in story.cities {
            let page = site.cities[index]
            targets.append(.init(forms: story.cityForms[index] ?? [page.city.name],
                                 href: root + SitePaths.city(page.slug), id: SitePaths.cityAnchor(page.slug)))
        }
        let anchors = document.linkFirstMentions(targets)
        return (document.html(), anchors)
    }
}
