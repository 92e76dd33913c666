import Foundation

/// A link as a browser reads it: relative to the page it is on, within the site's folder.
enum SiteURL: Equatable {
    /// Has a scheme (`https:`, `mailto:`...) or a host (`//cdn.example`): not part of the site.
    case external
    /// A path inside the site ("" is the root), which may name a folder, and the fragment if any.
    case inside(path: String, isFolder: Bool, fragment: String?)
    /// Climbs above the site's root; `clamped` is where it lands if the extra `..` are ignored.
    case escapes(clamped: String, isFolder: Bool)
    /// Holds a `%` not followed by two hex digits.
    case malformed

    /// Resolves `reference` (an `href`, `src`, or a feed or sitemap entry) found on `page`, a
    /// file path relative to the site root. The query is dropped and the path percent-decoded;
    /// a path starting with `/` starts at the site root.
    static func resolve(_ reference: String, on page: String) -> SiteURL {
        if reference.hasPrefix("//") || hasScheme(reference) { return .external }
        var rest = Substring(reference)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            let raw = rest[rest.index(after: hash)...]
            fragment = raw.removingPercentEncoding ?? String(raw)
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        if rest.isEmpty { return .inside(path: page, isFolder: false, fragment: fragment) }
        guard let decoded = rest.removingPercentEncoding else { return .malformed }

        var segments: [Substring] = decoded.hasPrefix("/") ? [] : page.split(separator: "/").dropLast()
        var escapes = false
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part {
            case "", ".": continue
            case "..":
                if segments.isEmpty { escapes = true } else { segments.removeLast() }
            default: segments.append(part)
            }
        }
        let isFolder = ["", ".", ".."].contains(parts.last ?? "")
        let path = segments.joined(separator: "/")
        return escapes ? .escapes(clamped: path, isFolder: isFolder) : .inside(path: path, isFolder: isFolder, fragment: fragment)
    }

    /// `scheme:` as RFC 3986 spells it: a letter, then letters, digits, `+`, `-` or `.`.
    static func hasScheme(_ reference: String) -> Bool {
        guard let colon = reference.firstIndex(of: ":"), let first = reference.first, first.isASCII, first.isLetter else { return false }
        return reference[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// How to write a link from `page` to `target` (both relative to the site root).
    static func relative(from page: String, to target: String) -> String {
        let from = page.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
