import Foundation

/// Precision and recall of detection over a folder of stories with gold files.
///
/// A found character counts as right when its name, or any name the story uses for it, is the
/// gold name or one of the gold aliases; each gold character can be matched once, so finding one
/// person twice ("Kaito" and "Kaito Perin" as two characters) costs precision. A found city is
/// right when its name (ignoring accents and case) and country match the gold.
public struct Evaluation: Sendable {
    public struct Score: Sendable, Equatable {
        public var found = 0
        public var expected = 0
        public var correct = 0

        public var precision: Double { found == 0 ? 1 : Double(correct) / Double(found) }
        public var recall: Double { expected == 0 ? 1 : Double(correct) / Double(expected) }
    }

    public enum Kind: String, Sendable { case character, city }

    /// A gold entry that was not found (`miss`), or a found entry not in the gold (`false hit`).
    public struct Mistake: Sendable, Equatable, Comparable {
        public var file: String
        public var kind: Kind
        public var isMiss: Bool
        public var name: String

        public static func < (a: Mistake, b: Mistake) -> Bool {
            (a.isMiss ? 0 : 1, a.file, a.kind.rawValue, a.name) < (b.isMiss ? 0 : 1, b.file, b.kind.rawValue, b.name)
        }
    }

    public var stories = 0
    public var characters = Score()
    public var cities = Score()
    public var mistakes: [Mistake] = []

    public init() {}

    /// Scores `site` (built from the evaluation folder) against the gold file of each story.
    public static func run(folder: URL, display: String, detector: any EntityDetector = HeuristicDetector()) throws(BuildFailure) -> Evaluation {
        var report = BuildReport()
        let options = BuildOptions(seeds: folder.path, includeDrafts: true)
        var builder = Builder(options: options, detector: detector)
        builder.options.seedsDisplay = display
        let site = try builder.analyse(report: &report)
        var evaluation = Evaluation()
        var problems: [Diagnostic] = []
        for story in site.stories {
            let goldPath = (story.relativePath as NSString).deletingPathExtension + ".gold.yml"
            let goldDisplay = display.hasSuffix("/") ? display + goldPath : display + "/" + goldPath
            switch GoldStandard.load(folder.appendingPathComponent(goldPath), display: goldDisplay) {
            case .failure(let diagnostic):
                problems.append(diagnostic)
            case .success(let gold):
                evaluation.add(story: story, site: site, gold: gold)
            }
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }
        evaluation.mistakes.sort()
        return evaluation
    }

    mutating func add(story: Site.Story, site: Site, gold: GoldStandard) {
        stories += 1
        let file = story.relativePath
        // Characters.
        var unmatchedGold = Array(gold.characters.indices)
        characters.expected += gold.characters.count
        for index in story.characters {
            characters.found += 1
            let name = site.characters[index].name
            let forms = Set(([name] + (story.characterForms[index] ?? [])).map(Gazetteer.key))
            if let position = unmatchedGold.firstIndex(where: { goldIndex in
                let entry = gold.characters[goldIndex]
                return !forms.isDisjoint(with: ([entry.name] + entry.aliases).map(Gazetteer.key))
            }) {
                unmatchedGold.remove(at: position)
                characters.correct += 1
            } else {
                mistakes.append(.init(file: file, kind: .character, isMiss: false, name: name))
            }
        }
        mistakes += unmatchedGold.map { .init(file: file, kind: .character, isMiss: true, name: gold.characters[$0].name) }
        // Cities.
        var unmatchedCities = Array(gold.cities.indices)
        cities.expected += gold.cities.count
        for index in story.cities {
            cities.found += 1
            let city = site.cities[index].city
            if let position = unmatchedCities.firstIndex(where: { goldIndex in
                let entry = gold.cities[goldIndex]
                return Gazetteer.key(entry.name) == Gazetteer.key(city.name)
                    && (entry.country == nil || entry.country == city.countryCode)
            }) {
                unmatchedCities.remove(at: position)
                cities.correct += 1
            } else {
                mistakes.append(.init(file: file, kind: .city, isMiss: false, name: "\(city.name), \(city.countryCode)"))
            }
        }
        mistakes += unmatchedCities.map { index in
            let entry = gold.cities[index]
            return .init(file: file, kind: .city, isMiss: true, name: entry.name + (entry.country.map { ", \($0)" } ?? ""))
        }
    }

    /// The report `anthology evaluate` prints.
    public func summary() -> String {
        func line(_ label: String, _ score: Score) -> String {
            let p = String(format: "%.3f", score.precision), r = String(format: "%.3f", score.recall)
            return "\(label) precision \(p) (\(score.correct)/\(score.found))  recall \(r) (\(score.correct)/\(score.expected))"
        }
        var lines = ["Evaluated \(stories) stories",
                     line("characters:", characters),
                     line("cities:    ", cities)]
        let misses = mistakes.filter(\.isMiss), falseHits = mistakes.filter { !$0.isMiss }
        lines.append("misses (\(misses.count)):")
        lines += misses.map { "  \($0.file): \($0.kind.rawValue) \($0.name)" }
        lines.append("false hits (\(falseHits.count)):")
        lines += falseHits.map { "  \($0.file): \($0.kind.rawValue) \($0.name)" }
        return lines.joined(separator: "\n")
    }
}
