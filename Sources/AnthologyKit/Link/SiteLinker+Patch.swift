extension SiteLinker {
    /// A linked site with what it was linked from, so that the next link of the same
    /// anthology can start from it (`serve` keeps it between saves).
    struct Linked: Sendable {
        /// Changed only by `patch`, in place.
        fileprivate(set) var site: Site
        let notes: [Diagnostic]
        fileprivate(set) var inputs: [Input]
        /// For each of `inputs`, the index of its story in `site.stories`.
        let storyIndexes: [Int]
        /// For each of `site.stories`, the pages its detected characters and cities became.
        let pages: [StoryPages]
        /// Made by patching the previous link rather than by linking every story: it decided
        /// exactly what that one did.
        var patched = false
        /// Which full link this one is, or was patched from: a hash of the sources of the
        /// analyses it linked (`Builder`), kept by every patch and by the disk cache. A render
        /// of a link with the same generation need only look at the stories whose sources
        /// changed (`RenderBasis`): a patch changes nothing else.
        var generation: UInt64 = 0
    }

    /// Which character and city page each of a story's detected characters and city mentions
    /// became, in detection's order. Two detected names may become one page ("Ana" with
    /// "Ana Ruiz" named in front matter), so this is not `Site.Story.characters`; it is what
    /// rebuilding a link from the stories needs (`StoredLink`).
    struct StoryPages: Sendable, Equatable {
        var characters: [Int]
        var cities: [Int]
    }

    /// Replaces the changed stories of `linked` in place: true when it now links `inputs`;
    /// false, leaving it as it was, when the change reaches beyond those stories.
    ///
    /// What ties a story to the rest of the site is its path and front matter (its place in
    /// reading order), its title (its slug, and those of stories after it) and its detected
    /// entities (its characters' and cities' pages). An edit that leaves all of these as they
    /// were, as most edits to a story's prose do, changes nothing but the story itself; any
    /// other edit, or a story added, removed or renamed, links the whole anthology again.
    ///
    /// In place, because the builder hands over its only copy of the last link: replacing a
    /// story in a copy copied the site's other stories too, and at 10,000 stories that copy
    /// and freeing the old site afterwards were a third of the preview's work per save.
    static func patch(_ linked: inout Linked, with inputs: [Input]) -> Bool {
        guard inputs.count == linked.inputs.count else { return false }
        let changed = inputs.indices.filter { inputs[$0] !== linked.inputs[$0] }
        guard changed.allSatisfy({ inputs[$0].linksLike(linked.inputs[$0]) }) else { return false }
        for index in changed {
            let position = linked.storyIndexes[index]
            let old = linked.site.stories[position]
            var story = Self.story(inputs[index], slug: old.slug, title: old.title, source: old.titleSource)
            story.characters = old.characters
            story.cities = old.cities
            story.characterForms = old.characterForms
            story.cityForms = old.cityForms
            linked.site.stories[position] = story
        }
        linked.inputs = inputs
        linked.patched = true
        return true
    }
}

extension SiteLinker.Input {
    /// Whether this story links to the rest of the site exactly as `other` does: the same
    /// path, front matter, detected entities (from which its characters' excerpts and keys
    /// follow) and title.
    func linksLike(_ other: SiteLinker.Input) -> Bool {
        story.relativePath == other.story.relativePath && story.frontMatter == other.story.frontMatter
            && entities == other.entities && SiteLinker.title(for: self) == SiteLinker.title(for: other)
    }
}
