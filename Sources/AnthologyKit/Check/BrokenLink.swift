/// A link (or feed or sitemap entry) that does not work, with what is needed to say why and to
/// suggest the nearest target that does.
struct BrokenLink: Sendable {
    enum Problem: Sendable, Equatable {
        /// The path (relative to the site root) does not exist.
        case missing(String)
        case folderWithoutIndex(String)
        /// Climbs above the root; `clamped` is where it lands with the extra `..` ignored.
        case escapes(clamped: String, isFolder: Bool)
        /// A `%` not followed by two hex digits.
        case malformed
        /// `page` exists but has no such id.
        case fragment(page: String, fragment: String)
    }

    /// The file holding the link, as the user sees it.
    var file: String
    var reference: PageScan.Reference
    /// The page the link is resolved from (relative to the site root), which a suggestion is
    /// written relative to.
    var from: String
    /// "link", "feed entry", "sitemap entry".
    var noun: String
    /// For an absolute feed or sitemap entry: the base URL a suggestion starts with.
    var absolutePrefix: String?
    var problem: Problem

    /// The path to look for a near match of, if the problem is a missing file.
    var wanted: String? {
        switch problem {
        case let .missing(path): path
        case let .folderWithoutIndex(folder): folder + "/index.html"
        case let .escapes(clamped, isFolder): isFolder ? (clamped.isEmpty ? "index.html" : clamped + "/index.html") : clamped
        case .malformed, .fragment: nil
        }
    }

    /// - Parameters:
    ///   - nearest: the existing file nearest to `wanted`, if any.
    ///   - nearestAnchor: for a fragment problem, the target page's nearest anchor.
    ///   - display: turns a site path into the path the user sees.
    func diagnostic(nearest: String?, nearestAnchor: String?, display: (String) -> String, root: String) -> Diagnostic {
        let quoted = "\(noun) \"\(reference.url)\""
        let message: String
        var fix: String
        switch problem {
        case let .missing(path):
            message = "broken \(quoted): \(display(path)) does not exist"
            fix = noun == "link" ? "correct the link or remove it" : "list only pages that exist"
        case let .folderWithoutIndex(folder):
            message = "broken \(quoted): the folder \(display(folder)) has no index.html"
            fix = "link to a file in the folder, or add its index.html"
        case .escapes:
            message = "\(quoted) escapes the site root (\(root))"
            fix = "remove the extra ../; links must stay inside the site"
        case .malformed:
            message = "\(quoted) has a % that is not followed by two hex digits"
            fix = "write a literal % as %25"
        case let .fragment(page, fragment):
            message = "broken \(quoted): \(display(page)) has no element with id \"\(fragment)\""
            fix = "add id=\"\(fragment)\" to the element it should point at, or correct the fragment"
            if let nearestAnchor { fix = "did you mean \(pathPart)#\(nearestAnchor)?" }
        }
        if let nearest { fix = "did you mean \(written(nearest))?" }
        return .error(file, line: reference.line, column: reference.column, message, fix: fix)
    }

    /// The reference up to its fragment, as written.
    private var pathPart: String {
        String(reference.url.prefix { $0 != "#" })
    }

    /// `target` (relative to the site root) written the way this link is written: relative to
    /// its page, from the root when it starts with `/`, absolute for an absolute entry, and as
    /// a folder when it ends with `/`.
    private func written(_ target: String) -> String {
        var written = if let absolutePrefix {
            absolutePrefix + target
        } else if pathPart.hasPrefix("/") {
            "/" + target
        } else {
            SiteURL.relative(from: from, to: target)
        }
        if pathPart.hasSuffix("/"), written == "index.html" || written.hasSuffix("/index.html") {
            written.removeLast("index.html".count)
            if written.isEmpty { written = "./" }
        }
        return written
    }
}
