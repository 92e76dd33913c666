import Dispatch

/// A general detector that reads capitalisation and context the way a careful reader does.
///
/// 1. Runs of capitalised words (with name particles, titles before and honorific suffixes
///    after) are candidates.
/// 2. A capital that only opens a sentence or follows an opening quote proves nothing
///    ("Despite", "Their"), unless the word is not ordinary English, is a known given name, or
///    is the subject of a verb; function words, days, months, nationalities, countries and
///    contractions are never names; an ordinary word ("Hope", "Will") is a name only where the
///    story treats it as one ("said Hope", "a girl named Grace").
/// 3. A run ending or starting with a place word ("Sumida River", "Rua Augusta"), followed by
///    one ("the Shimokitazawa district"), preceded by "the", or only ever found after "in",
///    "into", "near"... is a place. A run the gazetteer knows is a city when the text places
///    something there ("in Lisbon", "Lagos's traffic") and does not use it for a person
///    ("a clerk named Florence", "Sydney Brooks", "Madison laughs").
/// 4. Within the story, first names, surnames (with their particles), nicknames and possessives
///    merge into the one full name they belong to; a character is named as the story
///    introduces them.
public struct HeuristicDetector: EntityDetector {
    /// The reference data given to `init`; nil stands for the bundled data, which is read
    /// only when first used (or by `prepare`): the common words take some 15 ms to read.
    private let given: (gazetteer: Gazetteer?, givenNames: GivenNames?, commonWords: CommonWords?)

    public var gazetteer: Gazetteer { given.gazetteer ?? .bundled }
    public var givenNames: GivenNames { given.givenNames ?? .bundled }
    public var commonWords: CommonWords { given.commonWords ?? .bundled }

    /// Without arguments, the bundled gazetteer, given names and common words.
    public init(gazetteer: Gazetteer? = nil, givenNames: GivenNames? = nil, commonWords: CommonWords? = nil) {
        given = (gazetteer, givenNames, commonWords)
    }

    /// The bundled data, each read on a thread of its own.
    public func prepare() {
        if given.gazetteer == nil || given.givenNames == nil || given.commonWords == nil { _ = Self.bundledDataRead }
    }

    private static let bundledDataRead: Void = {
        DispatchQueue.global(qos: .userInitiated).async { _ = Gazetteer.bundled }
        DispatchQueue.global(qos: .userInitiated).async { _ = CommonWords.bundled }
        DispatchQueue.global(qos: .userInitiated).async { _ = GivenNames.bundled }
    }()

    /// One occurrence of a candidate name in the text.
    struct Occurrence {
        var name: String
        /// The title or honorific as written ("Dr.", "-san"), kept for the alias.
        var honorific: String?
        /// The form with its title, as the story writes it ("Dr. Okafor", "Watanabe-san").
        var titledForm: String?
        var range: Range<String.Index>
        var sentence: Int
        /// "named X", "said X", "Dr. X", "my friend X", "X laughs": the text treats X as a person.
        var personCue: Bool
        /// "in X", "from X", "X, Japan": the text treats X as a place.
        var placeCue: Bool
        /// Only ever after "in", "into", "near"...: where something happens, not who.
        var strictlyLocative: Bool
        /// Acts, speaks, owns or is spoken to (see `Context.isPersonLike`).
        var personLike: Bool
        /// Does what only people do: "Sydney made", "met Sydney", "Kobe began" (not "Lagos was").
        /// Asked only of a city's name, whose mentions vote person or place (see `detect`).
        var actsAsPerson = false
    }

    public func detect(in prose: String) -> StoryEntities {
        // The context holds the reference data, resolved once for the story.
        let context = Context(prose: prose, detector: self)
        let givenNames = context.givenNames, commonWords = context.commonWords
        var people: [Occurrence] = []
        var cityCandidates: [String: [Occurrence]] = [:]
        var places: [Occurrence] = []

        for run in context.candidateRuns() {
            guard let occurrence = context.occurrence(for: run) else { continue }
            let indexes = occurrence.indexes
            var found = occurrence.value
            if context.isRegion(found.name), context.cities(named: found.name).isEmpty { continue }
            if context.isOrganisation(indexes) { continue }
            if let cityName = context.cityName(found.name) {
                found.name = cityName
                found.actsAsPerson = context.actsAsPerson(indexes)
                cityCandidates[cityName, default: []].append(found)
            } else if context.isPlace(indexes) || context.followsArticle(indexes) {
                places.append(found)
            } else {
                found.personCue = found.personCue || found.honorific != nil
                people.append(found)
            }
        }

        // A bare name that ends a place's name is that place: "Augusta" after "Rua Augusta".
        let placeEndings = Set(places.compactMap { $0.name.containsSpace ? $0.name.split(separator: " ").last.map(String.init) : nil })
        places += people.filter { placeEndings.contains($0.name) }
        people.removeAll { placeEndings.contains($0.name) }

        // Names the story uses as parts of a person's full name ("Sydney" of "Sydney Brooks").
        let personWords = Set(people.filter { $0.name.containsSpace }.flatMap { $0.name.split(separator: " ").map(String.init) })

        var cityOccurrences: [(City, Occurrence)] = []
        for (name, occurrences) in cityCandidates.sorted(by: { $0.key < $1.key }) {
            // Each mention votes: for a place when the text puts something there, for a person
            // when it has the name speak, act or be addressed; a tie goes to a given name's owner.
            let placeCues = occurrences.filter(\.placeCue).count
            var personCues = occurrences.filter { !$0.placeCue && ($0.personCue || $0.actsAsPerson) }.count
            if personCues > 0, personCues == placeCues, givenNames.isGivenName(name) { personCues += 1 }
            let city = context.city(named: name, near: occurrences.map(\.range.lowerBound).min())
            let selfEvident = (city?.population ?? 0) >= Self.selfEvidentCityPopulation
                && !givenNames.isGivenName(name) && !commonWords.contains(name)
            let isCity = city != nil && !personWords.contains(name) && personCues <= placeCues
                && (placeCues > 0 || (selfEvident && personCues == 0))
            if isCity, let city {
                cityOccurrences += occurrences.map { (city, $0) }
            } else if placeEndings.contains(name) {
                places += occurrences
            } else {
                people += occurrences
            }
        }
        let cities = cityOccurrences

        // A place found only after "in", "into", "near"... ("a flat in Kazimierz") is not a person.
        let locativeNames = Set(Dictionary(grouping: people, by: \.name)
            .filter { _, group in group.allSatisfy { $0.strictlyLocative && !$0.personCue } && !group[0].name.containsSpace }
            .keys)
        places += people.filter { locativeNames.contains($0.name) }
        people.removeAll { locativeNames.contains($0.name) }

        // An ordinary word ("Hope", "Will") is a name only where the story uses it as one: with a
        // cue, or capitalised in mid-sentence more than once ("gave it to Biscuit").
        var cuedNames = Set(people.filter(\.personCue).map(\.name))
        for (name, group) in Dictionary(grouping: people, by: \.name) where group.filter({ !context.startsSentence($0) }).count > 1 {
            cuedNames.insert(name)
        }
        people.removeAll { occurrence in
            !occurrence.name.containsSpace && commonWords.contains(occurrence.name)
                && !cuedNames.contains(occurrence.name) && !personWords.contains(occurrence.name)
        }

        let characters = context.mergeCharacters(people)
        let cityMentions = context.groupCities(cities)
        let placeList = context.groupPlaces(places, cities: cities)
        return StoryEntities(characters: characters, cities: cityMentions, places: placeList)
    }

    /// Population from which a city needs no other evidence than its name: names of cities that
    /// large are seldom ordinary words or given names, unlike Nice, Reading, Florence or Austin.
    static let selfEvidentCityPopulation = 1_000_000
}
