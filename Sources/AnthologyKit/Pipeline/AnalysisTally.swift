/// What `Builder.analyse` gathers from every story once each is parsed and detected: the
/// inputs of the link, the problems to report and the number of drafts.
///
/// `serve` keeps the last one (`BuildCache.tally`). After a save whose re-read stories each
/// kept their problems and whether they are published, it is the previous one with those
/// stories' inputs replaced: gathering it again touched every story's analysis, and sorting
/// the report's diagnostics again (some 10,000 notes at 10,000 stories) and comparing them
/// with the last report's took a quarter of the preview's work per save.
///
/// It is gathered over the stories of `BuildCache.storyPaths`, in that order, and kept only
/// with them: a tally in the cache is always that of the paths there.
struct AnalysisTally: Sendable {
    /// For each story, the index of its input in `inputs`; nil for a story that is not
    /// published (a draft, or one that did not parse).
    var inputIndexes: [Int?]
    /// The link's inputs, in the stories' order, and the source of each one's analysis.
    var inputs: [SiteLinker.Input]
    var sources: [UInt64]
    var drafts: Int
    /// The load's problems, which a rebuild compares with its own.
    var loadProblems: [Diagnostic]
    /// Every problem before linking, in the order gathered: the load's, every story's parse
    /// problems, and the published stories' detection problems.
    var problems: [Diagnostic]
    /// The notes of the link made from `inputs`, and the report's diagnostics made of them
    /// and `problems`, sorted; nil until `report(notes:)`.
    private var reported: (notes: [Diagnostic], diagnostics: [Diagnostic])?

    /// Gathers from `analyses`, the analyses of every story.
    init(analyses: [StoryAnalysis], loadProblems: [Diagnostic], options: BuildOptions) {
        self.loadProblems = loadProblems
        inputIndexes = []
        inputIndexes.reserveCapacity(analyses.count)
        inputs = []
        sources = []
        problems = loadProblems + analyses.flatMap(\.parseProblems)
        let parsed = analyses.count(where: \.isParsed)
        for analysis in analyses {
            // A story has an input once it is detected (`Builder.detect`).
            guard analysis.isPublished(with: options), let input = analysis.input else {
                inputIndexes.append(nil)
                continue
            }
            inputIndexes.append(inputs.count)
            problems += analysis.detectionProblems
            inputs.append(input)
            sources.append(analysis.source)
        }
        drafts = parsed - inputs.count
    }

    /// Takes in the stories at the indexes `fresh`, analysed again as `analyses` (of every
    /// story, at the same paths as those gathered over), whose analyses this tally was
    /// gathered from are `replaced` (one for each of `fresh`); false, leaving the tally
    /// partly updated, when the load's problems changed, or a story's problems or its being
    /// published changed.
    mutating func update(_ fresh: [Int], to analyses: [StoryAnalysis], replacing replaced: [StoryAnalysis],
                         loadProblems: [Diagnostic], options: BuildOptions) -> Bool {
        guard analyses.count == inputIndexes.count, replaced.count == fresh.count,
              loadProblems == self.loadProblems else { return false }
        for (index, old) in zip(fresh, replaced) {
            let new = analyses[index]
            guard new.parseProblems == old.parseProblems,
                  new.isPublished(with: options) == old.isPublished(with: options) else { return false }
            guard let slot = inputIndexes[index] else { continue }
            guard let input = new.input, new.detectionProblems == old.detectionProblems else { return false }
            inputs[slot] = input
            sources[slot] = new.source
        }
        return true
    }

    /// The report's diagnostics, `problems` and the link's `notes` sorted: those reported
    /// last when the notes are those of the last link (a patched link keeps them, and
    /// `update` keeps `problems` as they were).
    mutating func report(notes: [Diagnostic]) -> [Diagnostic] {
        if let reported, reported.notes == notes { return reported.diagnostics }
        let diagnostics = (problems + notes).sorted()
        reported = (notes, diagnostics)
        return diagnostics
    }
}
