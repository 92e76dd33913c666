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
        resolve(reference, on: page, folder: folderSegments(of: page))
    }

    /// The folders holding `page`, which `resolve` starts from; worth computing once per page.
    static func folderSegments(of page: String) -> [Substring] {
        Array(page.split(separator: "/").dropLast())
    }

    /// `resolve` with the page's folders given. It runs for every link of the site, so it works
    /// on UTF-8 bytes rather than characters.
    static func resolve(_ reference: String, on page: String, folder: [Substring]) -> SiteURL {
        if reference.utf8.starts(with: "//".utf8) || hasScheme(reference) { return .external }
        var rest = Substring(reference)
        var fragment: String?
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let raw = rest[rest.utf8.index(after: hash)...]
            fragment = PercentDecoding.decode(raw) ?? String(raw)
            rest = rest[..<hash]
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = rest[..<question] }
        if rest.isEmpty { return .inside(path: page, isFolder: false, fragment: fragment) }
        guard let decoded = PercentDecoding.decode(rest) else { return .malformed }

        var segments: [Substring] = decoded.utf8.first == UInt8(ascii: "/") ? [] : folder
        var escapes = false
        var isFolder = false
        for part in decoded.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let dots = part.count <= 2 && part.allSatisfy { $0 == UInt8(ascii: ".") }
            isFolder = dots  // "", "." and ".." all name a folder
            if part.count == 2, dots {
                if segments.isEmpty { escapes = true } else { segments.removeLast() }
            } else if !dots {
                segments.append(Substring(part))
            }
        }
        let path = segments.joined(separator: "/")
        return escapes ? .escapes(clamped: path, isFolder: isFolder) : .inside(path: path, isFolder: isFolder, fragment: fragment)
    }

    /// `scheme:` as RFC 3986 spells it: a letter, then letters, digits, `+`, `-` or `.`.
    static func hasScheme(_ reference: String) -> Bool {
        for (index, byte) in reference.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: ":"): return index > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return false }
            default: return false
            }
        }
        return false
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
