/// How the list of stories is divided into pages: the home page, then `page/2/`, `page/3/`...
struct StoryPages: Sendable {
    let stories: Int
    let perPage: Int

    /// At least one page, so an anthology always has a home page.
    var count: Int { max(1, (stories + perPage - 1) / perPage) }

    /// Indexes of the stories listed on page `number` (from 1).
    func stories(onPage number: Int) -> Range<Int> {
        let start = (number - 1) * perPage
        return start..<min(stories, start + perPage)
    }

    /// Pages on either side of the current one that its page links name.
    static let neighbours = 2

    /// The page numbers page `number` links to: the first, the last, and those within
    /// `neighbours` of it, in order. An archive of 600 pages then gets a bar of at most nine
    /// numbers, not 600 numbers on each of 600 pages (at 30,000 stories that bar was the
    /// bulk of the home pages' rendering); a gap of a single page shows that page instead.
    func linkedPages(from number: Int) -> [Int] {
        let window = max(1, number - Self.neighbours)...min(count, number + Self.neighbours)
        var pages = [1] + Array(window) + [count]
        // A gap of one page is shown as that page: "1 2 3 4", not "1 … 3 4".
        if let second = window.first, second == 3 { pages.append(2) }
        if let last = window.last, last == count - 2 { pages.append(count - 1) }
        return Array(Set(pages)).sorted()
    }
}
