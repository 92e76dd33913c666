import Foundation

/// `anthology check`: verifies a built site as visitors and crawlers meet it.
///
/// - every page is well-formed HTML with unique ids (`HTMLPageScanner`);
/// - every internal `href` and `src` leads to a file inside the site, and every `#fragment` to
///   an id of the target page (`LinkChecker`); external links are not fetched;
/// - every page under `characters/` and `cities/` is at most two clicks from `index.html`;
/// - `feed.xml` and `sitemap.xml`, when present, parse and list only pages that exist.
///
/// Every problem is collected, not just the first; a broken link comes with the nearest path
/// that exists. Pages are read and their links followed in parallel: on two busy cores a
/// 10,921-page site takes 1.7-2.2 s instead of 2.3-3 s. Hidden files (`.anthology-manifest`)
/// are not part of the site.
public struct SiteChecker: Sendable {
    /// The built site.
    public var folder: URL
    /// The folder as the user typed it, for messages (`public`).
    public var display: String
    /// Where the site is published (`https://example.org/anthology/`); absolute URLs in the feed
    /// and sitemap must start with it. Nil: the `<link rel="canonical">` of `index.html`.
    public var baseURL: String?

    public init(folder: URL, display: String? = nil, baseURL: String? = nil) {
        self.folder = folder.standardizedFileURL
        self.display = display ?? folder.path
        self.baseURL = baseURL
    }

    /// Pages in these folders must be reachable in `maximumClicks` from the home page.
    static let indexedFolders = ["characters/", "cities/"]
    static let maximumClicks = 2
    static let home = "index.html"

    public func check() -> SiteCheckReport {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return SiteCheckReport(pages: 0, links: 0, diagnostics: [
                .error(display, "no such folder", fix: "build the site first (anthology build), or pass the folder that holds it"),
            ])
        }
        let site = SiteInventory(folder: folder)
        let pages = site.files.filter(SiteInventory.isPage)
        let scans = pages.concurrentMap { page in
            switch read(page) {
            case let .success(bytes): HTMLPageScanner(file: displayPath(page)).scan(bytes)
            case let .failure(problem): PageScan(diagnostics: [problem])
            }
        }
        var diagnostics = scans.flatMap(\.diagnostics)
        let scansByPage = Dictionary(uniqueKeysWithValues: zip(pages, scans))

        let links = LinkChecker(site: site, anchors: scansByPage.mapValues(\.anchors))
        let pageLinks = Array(zip(pages, scans)).concurrentMap { page, scan in
            links.check(scan.references, on: page, file: displayPath(page))
        }
        var broken = pageLinks.flatMap(\.broken)
        var checked = pageLinks.reduce(0) { $0 + $1.checked }

        if site.fileSet.contains(Self.home) {
            let linked = Dictionary(uniqueKeysWithValues: zip(pages, pageLinks.map(\.pages)))
            diagnostics += reachability(pages: pages, links: linked)
        } else {
            diagnostics.append(.error(display, "the site has no home page (\(Self.home))",
                                      fix: "build the site into this folder, or pass the folder that holds it"))
        }

        let base = (baseURL ?? scansByPage[Self.home]?.canonical).flatMap(Self.normalizedBase)
        for (name, kind) in [("feed.xml", URLListScanner.Kind.atomFeed), ("sitemap.xml", .sitemap)] where site.fileSet.contains(name) {
            let list = checkList(name, kind: kind, base: base, links: links)
            diagnostics += list.diagnostics
            broken += list.broken
            checked += list.checked
        }

        diagnostics += explain(broken, site: site, anchors: links.anchors)
        return SiteCheckReport(pages: pages.count, links: checked, diagnostics: diagnostics)
    }

    /// A site path as the user sees it: `public/stories/x/index.html`.
    func displayPath(_ path: String) -> String {
        if display.isEmpty || display == "." { return path }
        return display.hasSuffix("/") ? display + path : display + "/" + path
    }

    /// The bytes of a file of the site, or why they cannot be read.
    func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        do {
            return .success([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))))
        } catch {
            return .failure(.error(displayPath(path), "cannot be read: \(error.localizedDescription)",
                                   fix: "check that the file is readable"))
        }
    }

    /// Pages under `characters/` and `cities/` more than two clicks from home, or not reachable.
    private func reachability(pages: [String], links: [String: [String]]) -> [Diagnostic] {
        let distances = ClickDistances(from: Self.home, links: links)
        return pages.filter { page in Self.indexedFolders.contains { page.hasPrefix($0) } }.compactMap { page in
            let clicks = distances.clicks[page]
            if let clicks, clicks <= Self.maximumClicks { return nil }
            let folder = String(page.prefix { $0 != "/" })
            let index = folder + "/" + Self.home
            let route = distances.route(to: page).joined(separator: " → ")
            let message = clicks.map { "\($0) clicks from \(Self.home) (\(route)); it must be at most \(Self.maximumClicks)" }
                ?? "not reachable from \(Self.home) by following links"
            let fix = page == index
                ? "link to \(index) from \(Self.home)"
                : "link to it from \(index), and link to \(index) from \(Self.home)"
            return .error(displayPath(page), message, fix: fix)
        }
    }

    /// The base URL with a trailing `/` and without `index.html`; nil unless absolute.
    public static func normalizedBase(_ url: String) -> String? {
        guard SiteURL.hasScheme(url), url.contains("://") else { return nil }
        var base = String(url.prefix { $0 != "?" && $0 != "#" })
        if base.hasSuffix("/index.html") { base.removeLast("index.html".count) }
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// Missing paths that get a "did you mean". Past this many, a template bug is breaking links
    /// wholesale, and searching for each would take longer than it helps.
    static let suggestionLimit = 500

    /// Diagnostics for broken links, each with the nearest existing path. Suggestions are looked
    /// up once per distinct missing path, in parallel.
    private func explain(_ broken: [BrokenLink], site: SiteInventory, anchors: [String: Set<String>]) -> [Diagnostic] {
        guard !broken.isEmpty else { return [] }
        let finder = NearestPath(paths: site.files)
        let wanted = Array(Set(broken.compactMap(\.wanted)).sorted().prefix(Self.suggestionLimit))
        let nearest = Dictionary(uniqueKeysWithValues: zip(wanted, wanted.concurrentMap { path in
            site.fileSet.contains(path) ? path : finder.nearest(to: path)
        }))
        return broken.map { link in
            var nearestAnchor: String?
            if case let .fragment(page, fragment) = link.problem {
                nearestAnchor = NearestPath.nearest(to: fragment, among: (anchors[page] ?? []).sorted(),
                                                    limit: max(1, fragment.count / 2))
            }
            return link.diagnostic(nearest: link.wanted.flatMap { nearest[$0] ?? nil }, nearestAnchor: nearestAnchor,
                                   display: displayPath, root: display)
        }
    }
}
