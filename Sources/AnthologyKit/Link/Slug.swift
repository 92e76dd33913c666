import Foundation

/// URL path segments made from titles and names.
///
/// A slug holds only `a-z`, `0-9` and single hyphens, so it can never name a parent folder,
/// an absolute path or anything that needs escaping in a URL or an HTML attribute.
public enum Slug {
    private static let transliteration = StringTransform("Any-Latin; Latin-ASCII")

    /// "Théo Ærø" → "theo-aero", "東京" → "dong-jing"; `fallback` when nothing is left.
    public static func make(_ text: String, fallback: String) -> String {
        // ICU transliteration is slow, and so is Unicode lowercasing; most names and titles
        // are ASCII already, and for those lowercasing is the byte arithmetic below.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let latin = isASCII ? text : (text.applyingTransform(transliteration, reverse: false) ?? text).lowercased()
        var builder = Builder(capacity: latin.utf8.count)
        // An ASCII text's bytes are its scalars; walking them is cheaper than decoding scalars.
        if isASCII {
            for byte in latin.utf8 { builder.add(UInt32(byte)) }
        } else {
            for scalar in latin.unicodeScalars { builder.add(scalar.value) }
        }
        var slug = builder.bytes
        if slug.count > 80 {
            slug.removeLast(slug.count - 80)
            while slug.last == UInt8(ascii: "-") { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : String(decoding: slug, as: UTF8.self)
    }

    /// The slug's bytes as the text's scalars are added: letters lower-cased, digits kept,
    /// apostrophes dropped and anything else one hyphen between two kept characters.
    private struct Builder {
        var bytes: [UInt8] = []
        var pendingHyphen = false

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
        }

        mutating func add(_ scalar: UInt32) {
            var value = scalar
            if (0x41...0x5A).contains(value) { value += 0x20 }  // A-Z
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {  // a-z, 0-9
                if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                bytes.append(UInt8(value))
                pendingHyphen = false
            } else if value == 0x27 || value == 0x2019 {
                return  // "Sophie's" → "sophies", not "sophie-s"
            } else {
                pendingHyphen = true
            }
        }
    }
}

/// Hands out distinct slugs deterministically: the caller passes items in a stable order
/// and the first to want a slug gets it; later ones get `-2`, `-3`, ... and a note saying so.
///
/// Items with the same name share one note: an archive has dozens of characters called
/// "Akosua" (a bare first name is one character per story), and a note for each was ten
/// thousand notes at 10,000 stories.
struct SlugAllocator {
    /// Each slug handed out, and the name of the item that has it: a note about names that
    /// did not get their slug says whether one of them has it or another name does.
    private var holders: [String: String] = [:]
    /// The next suffix to try for each wanted slug, so a thousand stories called "Untitled"
    /// are numbered in linear time.
    private var nextSuffix: [String: Int] = [:]
    /// Each name that did not get the slug it wanted, in order of first refusal: the slug,
    /// whether an item of the same name has it, and the numbered ones it got instead.
    private var renamed: [(label: String, wanted: String, sameNameHolds: Bool, slugs: [String])] = []
    private var renamedIndex: [String: Int] = [:]
    /// What the items are, for the notes: "story" and "stories".
    let kind: String, kinds: String

    init(kind: String, plural: String) {
        self.kind = kind
        kinds = plural
    }

    mutating func allocate(_ wanted: String, for label: String) -> String {
        // Most slugs are free, and need no suffix remembered.
        guard let holder = holders[wanted] else {
            holders[wanted] = label
            return wanted
        }
        var slug = wanted
        var counter = nextSuffix[wanted] ?? 2
        while holders[slug] != nil {
            slug = "\(wanted)-\(counter)"
            counter += 1
        }
        nextSuffix[wanted] = counter
        holders[slug] = label
        let key = label + "\u{0}" + wanted
        if let index = renamedIndex[key] {
            renamed[index].slugs.append(slug)
        } else {
            renamedIndex[key] = renamed.count
            renamed.append((label, wanted, holder == label, [slug]))
        }
        return slug
    }

    /// One note per name that did not get the slug it wanted.
    var notes: [String] {
        renamed.map { label, wanted, sameNameHolds, slugs in
            if slugs.count == 1 { return "\(kind) `\(label)` would share the slug `\(wanted)`; it gets `\(slugs[0])` instead" }
            let range = "`\(slugs[0])` to `\(slugs[slugs.count - 1])`"
            guard sameNameHolds else {
                return "\(slugs.count) \(kinds) called `\(label)` would share the slug `\(wanted)`, which another \(kind) has; "
                    + "they get \(range)"
            }
            return "\(slugs.count + 1) \(kinds) called `\(label)` would share the slug `\(wanted)`; the first keeps it, "
                + "the others get \(range)"
        }
    }
}
