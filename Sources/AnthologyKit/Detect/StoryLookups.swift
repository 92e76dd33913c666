/// What the gazetteer and the word lists say about the names of one story, each answer worked out once.
///
/// Detection asks the same questions about a story's few names over and over: every run of
/// capitalised words is trimmed twice, and each candidate is checked as a region, as a city and
/// as a "St" city, each check folding the name and searching the gazetteer again. The answers
/// depend only on the name and the story, so `HeuristicDetector.Context` keeps them here. Keys
/// compare as Swift strings (canonically equivalent spellings alike), like every other table of
/// names the detector uses.
///
/// A class, because the context is an immutable value whose methods share it; one instance
/// lives and dies with one story's detection, on one thread, so it needs no lock.
final class StoryLookups {
    var isRegion: [String: Bool] = [:]
    var cities: [String: [City]] = [:]
    /// `Context.city(named:)` without a position, the form `trim` asks for.
    var city: [String: City?] = [:]
    var qualifiedCity: [String: City?] = [:]
    /// `Context.isNeverAName`, asked of every capitalised word and again when runs are trimmed.
    var neverAName: [String: Bool] = [:]
    /// Whether a word ends in a place word ("Hallgrímskirkja"), asked of every candidate's last word, twice.
    var placeWordEnding: [String: Bool] = [:]
    /// `TextMatch.isPlain` of the story's text, which every search for a name in it needs.
    var textIsPlain: Bool?

    /// The answer for `name` in `table`, computed and kept on first use.
    func remember<Value>(_ name: String, in table: ReferenceWritableKeyPath<StoryLookups, [String: Value]>,
                         _ compute: () -> Value) -> Value {
        if let known = self[keyPath: table][name] { return known }
        let value = compute()
        self[keyPath: table][name] = value
        return value
    }
}
