/// How many clicks each page is from the home page, following links breadth-first, with the
/// way there: so an unreachable page's report can show the shortest route that does exist.
struct ClickDistances: Sendable {
    /// Page → the page one click nearer home from which it was first reached.
    private var via: [String: String] = [:]
    private(set) var clicks: [String: Int] = [:]

    /// `links` maps each page to the pages it links to.
    init(from home: String, links: [String: [String]]) {
        clicks[home] = 0
        var frontier = [home]
        var distance = 0
        while !frontier.isEmpty {
            distance += 1
            var next: [String] = []
            for page in frontier {
                for target in links[page] ?? [] where clicks[target] == nil {
                    clicks[target] = distance
                    via[target] = page
                    next.append(target)
                }
            }
            frontier = next
        }
    }

    /// The pages from home to `page`, both included; empty when it cannot be reached.
    func route(to page: String) -> [String] {
        guard clicks[page] != nil else { return [] }
        var route = [page]
        while let previous = via[route[route.count - 1]] { route.append(previous) }
        return route.reversed()
    }
}
