/// Finds the existing path nearest to a broken one, for "did you mean ...?".
///
/// Nearest is by edit distance. The likely candidates come first: files ending with the broken
/// path's last two segments (a link with one `../` too many or too few), then files differing
/// from it in exactly one segment (a misspelt slug); only then is every file compared, which
/// takes milliseconds on a 13,000-page site. `SiteChecker` caps how many missing paths get a
/// suggestion, so a template bug breaking thousands of different links stays quick.
struct NearestPath: Sendable {
    private let paths: [String]
    /// "segments with one replaced by *" → the paths that have that shape.
    private let byShape: [String: [String]]
    /// Last two segments → paths ending with them.
    private let byEnding: [String: [String]]

    init(paths: [String]) {
        self.paths = paths.sorted()
        var byShape: [String: [String]] = [:]
        var byEnding: [String: [String]] = [:]
        for path in self.paths {
            for shape in Self.shapes(of: path) { byShape[shape, default: []].append(path) }
            byEnding[Self.ending(of: path), default: []].append(path)
        }
        self.byShape = byShape
        self.byEnding = byEnding
    }

    /// The nearest path that is a plausible intent, ties going to the first in sorted order:
    /// one ending with the same two segments (a link climbing one folder too many or too few),
    /// else one a few typos away (at most an eighth of the broken path's length, and at least 2).
    func nearest(to target: String) -> String? {
        let sameEnding = (byEnding[Self.ending(of: target)] ?? []).filter { $0 != target }
        if let found = Self.nearest(to: target, among: sameEnding, limit: Int.max / 2) { return found }
        let limit = max(2, target.count / 8)
        var candidates = Set<String>()
        for shape in Self.shapes(of: target) { candidates.formUnion(byShape[shape] ?? []) }
        candidates.remove(target)
        return Self.nearest(to: target, among: candidates.sorted(), limit: limit)
            ?? Self.nearest(to: target, among: paths, limit: limit)
    }

    /// The closest of `candidates` within `limit` edits; ties go to the first.
    static func nearest(to target: String, among candidates: [String], limit: Int) -> String? {
        let target = Array(target.unicodeScalars)
        var best: String?
        var bestDistance = limit + 1
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            guard scalars != target, abs(scalars.count - target.count) < bestDistance else { continue }
            if let distance = editDistance(target, scalars, below: bestDistance) {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    /// Edit distance counting a swap of two neighbours as one edit (`kia` is one edit from
    /// `kai`, two from `akira`), or nil as soon as it cannot be below `bound`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], below bound: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) < bound ? max(a.count, b.count) : nil }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                var distance = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, beforePrevious[j - 2] + 1)
                }
                current[j] = distance
                rowMinimum = min(rowMinimum, distance)
            }
            // Later rows never drop below this row's minimum (a swap adds one to the row before).
            if rowMinimum >= bound { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] < bound ? previous[b.count] : nil
    }

    private static func shapes(of path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return segments.indices.map { index in
            var shape = segments
            shape[index] = "\u{0}"
            return shape.joined(separator: "/")
        }
    }

    private static func ending(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).suffix(2).joined(separator: "/")
    }
}
