/// `feed.xml`: an Atom feed (RFC 4287) of the newest stories (`SiteMetadata.feedLimit` of
/// them), in reading order.
///
/// Two builds of the same stories give the same bytes, so nothing here reads the clock:
/// - `updated` of a dated story is its date at midnight UTC; an undated story takes the newest
///   date in the anthology, and with no dates at all the feed uses `1970-01-01T00:00:00Z`;
///   the feed's own `updated` is the newest of its entries.
/// - ids are `urn:anthology:<site>:stories:<slug>` URNs, which neither the base URL nor the
///   host appear in, so moving the site or adding a base URL does not make every story new
///   again in a reader.
/// - links are absolute with a base URL and otherwise relative to `feed.xml`, which sits at
///   the site root, so they resolve wherever the feed is fetched from.
struct AtomFeed {
    let site: Site
    let metadata: SiteMetadata
    /// The newest date of the anthology, which undated stories take.
    let newest: StoryDate?
    /// The stories the feed lists (`entries(of:limit:newest:)`), which its fingerprint
    /// covers: worked out once, as every build asks for them, each preview save's too.
    let entries: [Int]

    init(site: Site, metadata: SiteMetadata) {
        self.site = site
        self.metadata = metadata
        newest = Self.newest(of: site.stories)
        entries = Self.entries(of: site.stories, limit: metadata.feedLimit, newest: newest)
    }

    /// Used when no story has a date: the Unix epoch, a value that reads as "unknown".
    static let undatedTimestamp = "1970-01-01T00:00:00Z"

    /// A page's address as the feed writes it.
    func url(_ page: String) -> String {
        let clean = SitePaths.clean(page)
        return metadata.baseURL?.absolute(clean) ?? (clean.isEmpty ? "./" : clean)
    }

    /// The URN namespace of this anthology, from its title: `urn:anthology:harbour-lights`.
    var idPrefix: String {
        "urn:anthology:" + Slug.make(metadata.title, fallback: "anthology")
    }

    func timestamp(_ index: Int) -> String {
        guard let date = site.stories[index].date ?? newest else { return Self.undatedTimestamp }
        return date.iso + "T00:00:00Z"
    }

    /// The newest date of `stories`, each read in place.
    private static func newest(of stories: [Site.Story]) -> StoryDate? {
        stories.withUnsafeBufferPointer { stories in
            var newest: StoryDate?
            for index in stories.indices {
                if let date = stories[index].date, newest.map({ date > $0 }) ?? true { newest = date }
            }
            return newest
        }
    }

    /// The stories to list, in reading order: the `limit` newest by `updated`, and among
    /// equal dates (undated stories share the newest) the later in reading order, so an
    /// anthology without dates lists its last stories.
    private static func entries(of stories: [Site.Story], limit: Int, newest: StoryDate?) -> [Int] {
        let count = stories.count
        guard count > limit else { return Array(0..<count) }
        // Without dates, every story is as new as the others.
        guard let newest else { return Array(count - limit..<count) }
        let updated = stories.withUnsafeBufferPointer { stories in
            stories.indices.map { stories[$0].date ?? newest }
        }
        // Reading order is usually oldest first, then the undated stories: the newest are the
        // last, found without sorting 10,000 stories on every preview save.
        if zip(updated, updated.dropFirst()).allSatisfy({ $0 <= $1 }) { return Array(count - limit..<count) }
        let latestFirst = updated.indices.sorted { updated[$0] != updated[$1] ? updated[$0] > updated[$1] : $0 > $1 }
        return latestFirst.prefix(limit).sorted()
    }

    func render() -> String {
        let updated = entries.map(timestamp).max() ?? Self.undatedTimestamp
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(XML.escape(metadata.language))">"#,
            "  <title>\(XML.escape(metadata.title))</title>",
        ]
        if let description = metadata.description { lines.append("  <subtitle>\(XML.escape(description))</subtitle>") }
        lines.append("  <id>\(XML.escape(idPrefix))</id>")
        lines.append("  <updated>\(updated)</updated>")
        if let base = metadata.baseURL {
            lines.append(#"  <link rel="self" type="application/atom+xml" href="\#(XML.escape(base.absolute(SitePaths.feed)))"/>"#)
        }
        lines.append(#"  <link rel="alternate" type="text/html" href="\#(XML.escape(url(SitePaths.home)))"/>"#)
        // Atom requires an author for the feed unless every entry has one; the anthology's
        // author, else its title, stands in for stories that name none.
        lines.append("  <author><name>\(XML.escape(metadata.author ?? metadata.title))</name></author>")
        lines.append("  <generator>Anthology</generator>")
        for index in entries {
            lines += entry(index)
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func entry(_ index: Int) -> [String] {
        let story = site.stories[index]
        var lines = [
            "  <entry>",
            "    <title>\(XML.escape(story.title))</title>",
            #"    <link rel="alternate" type="text/html" href="\#(XML.escape(url(SitePaths.story(story.slug))))"/>"#,
            "    <id>\(XML.escape(idPrefix + ":stories:" + story.slug))</id>",
        ]
        if let date = story.date { lines.append("    <published>\(date.iso)T00:00:00Z</published>") }
        lines.append("    <updated>\(timestamp(index))</updated>")
        if let author = story.author { lines.append("    <author><name>\(XML.escape(author))</name></author>") }
        lines.append("    <summary>\(XML.escape(story.summary ?? story.opening))</summary>")
        lines.append("  </entry>")
        return lines
    }
}
