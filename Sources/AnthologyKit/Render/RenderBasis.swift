/// What a render was made from, kept with its fingerprints in the render cache, so that the
/// next render of the same link can plan only the pages that the changed stories reach
/// (`SiteRenderer.plan`) instead of fingerprinting all of them: after a one-story edit at
/// 10,000 stories that was most of the render stage, in `serve` as in `anthology build`.
///
/// Two sites with the same `settings` and `link` differ only in the stories whose `sources`
/// differ, and in those only in what a patched link lets change (`SiteLinker.patch`): their
/// text, opening and length, never their path, title, front matter or entities.
struct RenderBasis: Sendable, Equatable {
    /// The templates, site metadata and sitemap page limit (`SiteRenderer.settingsFingerprint`).
    var settings: UInt64
    /// The link's `SiteLinker.Linked.generation`.
    var link: UInt64
    /// For each story, in reading order: the source of the analysis it was rendered from
    /// (`StoryAnalysis.source`), and the fingerprint of its body, under which the render
    /// cache keeps the anchors its page placed.
    var sources: [UInt64]
    var bodies: [UInt64]
    /// Each story's entry in the feed (`PageFingerprints.feedEntry`), whether the feed lists it
    /// or not: a change of dates can bring any story into it.
    var feedEntries: [UInt64]

    /// The stories, by position, that differ between `previous` and this basis; nil when
    /// the two are not of the same link and settings, and every page must be planned.
    func changedStories(since previous: RenderBasis?) -> [Int]? {
        guard let previous, previous.settings == settings, previous.link == link, previous.sources.count == sources.count,
              previous.bodies.count == sources.count, previous.feedEntries.count == sources.count else { return nil }
        return sources.indices.filter { sources[$0] != previous.sources[$0] }
    }
}
