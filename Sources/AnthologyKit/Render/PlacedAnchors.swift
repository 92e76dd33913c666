/// The fragment ids a story page's text holds, one per linked mention (`#character-anna`),
/// sorted. A character page links to a mention only if its story placed the anchor.
///
/// A story has a handful, which an array searches as fast as a set hashes, and which the
/// render cache stores and reads back as they are: building a set per story when the cache
/// was read, and sorting each again when it was saved, cost a one-story rebuild of a
/// 10,000-story archive some ten milliseconds.
struct PlacedAnchors: Sendable, Equatable, ExpressibleByArrayLiteral {
    let ids: [String]

    init(_ ids: some Sequence<String>) {
        self.ids = ids.sorted()
    }

    /// Ids already sorted, as the render cache stores them.
    init(sorted ids: [String]) {
        self.ids = ids
    }

    init(arrayLiteral ids: String...) {
        self.init(ids)
    }

    func contains(_ id: String) -> Bool {
        ids.contains(id)
    }
}
