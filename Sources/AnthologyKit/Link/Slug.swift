import Foundation

/// URL path segments made from titles and names.
///
/// A slug holds only `a-z`, `0-9` and single hyphens, so it can never name a parent folder,
/// an absolute path or anything that needs escaping in a URL or an HTML attribute.
public enum Slug {
    private static let transliteration = StringTransform("Any-Latin; Latin-ASCII")

    /// "Théo Ærø" → "theo-aero", "東京" → "dong-jing"; `fallback` when nothing is left.
    public static func make(_ text: String, fallback: String) -> String {
        // ICU transliteration is slow; most names and titles are ASCII already.
        let latin = text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.applyingTransform(transliteration, reverse: false) ?? text
        var slug = ""
        var pendingHyphen = false
        for scalar in latin.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "Sophie's" → "sophies", not "sophie-s"
            } else {
                pendingHyphen = true
            }
        }
        if slug.count > 80 {
            slug = String(slug.prefix(80))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : slug
    }
}

/// Hands out distinct slugs deterministically: the caller passes items in a stable order
/// and the first to want a slug gets it; later ones get `-2`, `-3`, ... and a note saying so.
struct SlugAllocator {
    private var taken = Set<String>()
    /// The next suffix to try for each wanted slug, so a thousand stories called "Untitled"
    /// are numbered in linear time.
    private var nextSuffix: [String: Int] = [:]
    private(set) var notes: [String] = []
    let kind: String

    init(kind: String) {
        self.kind = kind
    }

    mutating func allocate(_ wanted: String, for label: String) -> String {
        var slug = wanted
        var counter = nextSuffix[wanted] ?? 2
        while taken.contains(slug) {
            slug = "\(wanted)-\(counter)"
            counter += 1
        }
        nextSuffix[wanted] = counter
        taken.insert(slug)
        if slug != wanted {
            notes.append("\(kind) `\(label)` would share the slug `\(wanted)`; it gets `\(slug)` instead")
        }
        return slug
    }
}
