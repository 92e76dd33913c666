/// Follows links inside a built site: to a file that exists, within the site's folder, to a
/// fragment the target page has.
struct LinkChecker: Sendable {
    let site: SiteInventory
    /// Each page's anchors (ids and `<a name>`).
    let anchors: [String: Set<String>]

    /// Where a link leads.
    enum Outcome: Sendable {
        case external
        /// The file reached (a folder's `index.html` for a folder).
        case reached(String)
        case broken(BrokenLink.Problem)
    }

    func follow(_ reference: String, from page: String, folder: [Substring]? = nil) -> Outcome {
        switch SiteURL.resolve(reference, on: page, folder: folder ?? SiteURL.folderSegments(of: page)) {
        case .external:
            return .external
        case .malformed:
            return .broken(.malformed)
        case let .escapes(clamped, isFolder):
            return .broken(.escapes(clamped: clamped, isFolder: isFolder))
        case let .inside(path, isFolder, fragment):
            let file: String
            switch site.lookup(path, isFolder: isFolder) {
            case let .file(found): file = found
            case let .folderWithoutIndex(folder): return .broken(.folderWithoutIndex(folder))
            case let .missing(missing): return .broken(.missing(missing))
            }
            if let fragment, !Self.alwaysPresent(fragment), let anchors = anchors[file], !anchors.contains(fragment) {
                return .broken(.fragment(page: file, fragment: fragment))
            }
            return .reached(file)
        }
    }

    /// What checking one page's links found.
    struct PageLinks: Sendable {
        /// Links into the site that were checked.
        var checked = 0
        /// Pages reached, each once, in the order first linked.
        var pages: [String] = []
        var broken: [BrokenLink] = []
    }

    func check(_ references: [PageScan.Reference], on page: String, file: String) -> PageLinks {
        var result = PageLinks()
        var seen: Set<String> = []
        let folder = SiteURL.folderSegments(of: page)
        for reference in references {
            switch follow(reference.url, from: page, folder: folder) {
            case .external:
                continue
            case let .reached(target):
                result.checked += 1
                if SiteInventory.isPage(target), seen.insert(target).inserted { result.pages.append(target) }
            case let .broken(problem):
                result.checked += 1
                result.broken.append(BrokenLink(file: file, reference: reference, from: page, noun: "link", problem: problem))
            }
        }
        return result
    }

    /// An empty fragment and `#top` go to the top of any page.
    private static func alwaysPresent(_ fragment: String) -> Bool {
        fragment.isEmpty || fragment.lowercased() == "top"
    }
}
