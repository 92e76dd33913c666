import Foundation

extension SiteChecker {
    /// What checking `feed.xml` or `sitemap.xml` found.
    struct ListCheck {
        var checked = 0
        var diagnostics: [Diagnostic] = []
        var broken: [BrokenLink] = []
    }

    /// Parses a feed or sitemap and follows each entry. The contract with the code that writes
    /// them: an entry is either absolute and starts with the site's base URL, or relative to the
    /// site root (`stories/the-lantern/`). The sitemaps a sitemap index lists (an archive's
    /// `sitemap-1.xml`...) are checked in turn; `index` names the index that listed this one.
    func checkList(_ name: String, kind: URLListScanner.Kind, base: String?, links: LinkChecker,
                   index: String? = nil) -> ListCheck {
        let file = displayPath(name)
        let noun = kind == .atomFeed ? "feed entry" : "sitemap entry"
        let bytes: [UInt8]
        switch read(name) {
        case let .success(read): bytes = read
        case let .failure(problem): return ListCheck(diagnostics: [problem])
        }
        let scanned = URLListScanner(kind: kind, file: file).scan(bytes)
        var result = ListCheck(diagnostics: scanned.diagnostics)
        let isIndex = kind == .sitemap && scanned.root == "sitemapindex"
        if isIndex, let index {
            result.diagnostics.append(.error(file, "a sitemap index is listed by the sitemap index \(displayPath(index))",
                                             fix: "list only sitemaps of pages (<urlset>) in a sitemap index"))
            return result
        }
        for entry in scanned.entries {
            var path = entry.url
            var prefix: String?
            if entry.url.isEmpty {
                result.diagnostics.append(.error(file, line: entry.line, column: entry.column, "empty \(noun)",
                                                 fix: "give the page's URL, or remove the entry"))
                continue
            }
            if SiteURL.resolve(entry.url, on: Self.home) == .external {
                guard let base else {
                    result.diagnostics.append(.error(file, line: entry.line, column: entry.column,
                                                     "\(noun) \"\(entry.url)\" is absolute, but the site's base URL is unknown",
                                                     fix: "pass --base-url, or give \(Self.home) a <link rel=\"canonical\" href=\"...\">"))
                    continue
                }
                guard entry.url.hasPrefix(base) || entry.url + "/" == base else {
                    result.diagnostics.append(.error(file, line: entry.line, column: entry.column,
                                                     "\(noun) \"\(entry.url)\" is not under the site's base URL \(base)",
                                                     fix: "list only this site's pages, starting with \(base) or relative to the site root"))
                    continue
                }
                path = String(entry.url.dropFirst(base.count))
                prefix = base
            }
            result.checked += 1
            if case let .broken(problem) = links.follow(path, from: Self.home) {
                result.broken.append(BrokenLink(file: file, reference: entry, from: Self.home, noun: noun,
                                                absolutePrefix: prefix, problem: problem))
            } else if isIndex {
                // Each entry must be a sitemap itself; a folder's is its index.html, which says
                // so when checked.
                let file = String(path.prefix { $0 != "#" && $0 != "?" })
                let part = checkList(file.hasSuffix("/") || file.isEmpty ? file + "index.html" : file,
                                     kind: .sitemap, base: base, links: links, index: name)
                result.checked += part.checked
                result.diagnostics += part.diagnostics
                result.broken += part.broken
            }
        }
        return result
    }
}
