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
}
