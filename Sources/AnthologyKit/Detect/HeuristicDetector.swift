/// The first, general detector: reads capitalisation the way a careful reader does.
///
/// 1. Runs of capitalised words (with name particles and titles) are candidates.
/// 2. A capital that only ever opens a sentence or follows an opening quote is no evidence
///    of a name ("Despite", "Their"); function words, days and months never are names.
/// 3. A run ending in a place word ("Sumida River") or followed by one ("the Shimokitazawa
///    district") is a place. A run the gazetteer knows is a city unless the story uses it for
///    a person ("a musician named Kai", "Sydney smiled", "Sydney Brooks").
/// 4. Within the story, a first name, surname or possessive merges into the one full name it
///    belongs to; the character is named the way the story introduces them.
public struct HeuristicDetector: EntityDetector {
    public var gazetteer: Gazetteer
    public var givenNames: GivenNames
    public var commonWords: CommonWords

    public init(gazetteer: Gazetteer = .bundled, givenNames: GivenNames = .bundled, commonWords: CommonWords = .bundled) {
        self.gazetteer = gazetteer
        self.givenNames = givenNames
        self.commonWords = commonWords
    }

    /// One occurrence of a candidate name in the text.
    struct Occurrence {
        var name: String
        var honorific: String?
        var range: Range<String.Index>
        var sentence: Int
        var personCue: Bool
    }

    public func detect(in prose: String) -> StoryEntities {
        let scanner = TextScanner(prose)
        let words = scanner.words
        let evidence = nameEvidence(words)

        var people: [Occurrence] = []
        var cityCandidates: [String: [Occurrence]] = [:]
        var places: [Occurrence] = []

        // Two passes: full names found in the first ("Anna Berg") vouch for their words when
        // those open a sentence alone in the second ("Anna left first.").
        let allRuns = runs(words, text: prose)
        let fullNameWords = Set(allRuns.map { trim($0, words, evidence: evidence) }.filter { $0.count > 1 }.flatMap { $0.map { words[$0].text } })
        let strongEvidence = evidence.union(fullNameWords)

        for run in allRuns {
            var indexes = trim(run, words, evidence: strongEvidence)
            // Initials alone ("P. S.") are not a name.
            guard indexes.contains(where: { words[$0].text.count > 1 }) else { continue }
            var honorificWords: [Int] = []
            while let first = indexes.first, EnglishWords.honorifics.contains(words[first].text.lowercased()), indexes.count > 1 {
                honorificWords.append(first)
                indexes.removeFirst()
            }
            if honorificWords.isEmpty, indexes.count == 1, EnglishWords.honorifics.contains(words[indexes[0]].text.lowercased()) {
                continue  // A bare title ("the Captain") is nobody in particular.
            }
            if indexes.count == 1, EnglishWords.calendarWords.contains(words[indexes[0]].text.lowercased()) { continue }

            let name = indexes.map { words[$0].text }.joined(separator: " ")
            let first = words[indexes.first!], last = words[indexes.last!]
            let range = (honorificWords.first.map { words[$0].range.lowerBound } ?? first.range.lowerBound)..<last.range.upperBound
            let honorific = honorificWords.isEmpty ? nil : honorificWords.map { words[$0].text + (words[$0].followedByPeriod ? "." : "") }.joined(separator: " ")
            var occurrence = Occurrence(name: name, honorific: honorific, range: range, sentence: first.sentence,
                                        personCue: honorific != nil || hasPersonCue(indexes, words))

            if isPlace(indexes, words) {
                places.append(occurrence)
                continue
            }
            if !gazetteer.cities(named: name).isEmpty {
                cityCandidates[name, default: []].append(occurrence)
                continue
            }
            if followsArticle(indexes, words) {
                places.append(occurrence)
                continue
            }
            people.append(occurrence)
        }

        // A gazetteer name the story uses for a person is that person, everywhere in the story.
        let personWords = Set(people.filter { $0.name.contains(" ") }.flatMap { $0.name.split(separator: " ").map(String.init) })
        var cityOccurrences: [(City, Occurrence)] = []
        for (name, occurrences) in cityCandidates.sorted(by: { $0.key < $1.key }) {
            let usedForPerson = occurrences.contains(where: \.personCue) || personWords.contains(name)
            if usedForPerson {
                people += occurrences
            } else if let city = gazetteer.city(named: name, context: prose) {
                cityOccurrences += occurrences.map { (city, $0) }
            }
        }

        // An ordinary word ("Hope", "Will", "Mercy") is a name only where the story uses it as one:
        // after "named", with a title, as the subject of "said", or inside a fuller name.
        let cuedNames = Set(people.filter(\.personCue).map(\.name))
        people.removeAll { occurrence in
            !occurrence.name.contains(" ") && commonWords.contains(occurrence.name)
                && !cuedNames.contains(occurrence.name) && !personWords.contains(occurrence.name)
        }
        let characters = mergeCharacters(people, scanner: scanner)
        let cities = groupCities(cityOccurrences, scanner: scanner)
        let placeList = groupPlaces(places, cities: cities, cityOccurrences: cityOccurrences, scanner: scanner)
        return StoryEntities(characters: characters, cities: cities, places: placeList)
    }

    // MARK: - Candidates

    /// Population from which a city opening a sentence needs no other evidence: names of cities
    /// that large are not ordinary words, unlike Nice, Reading, Mobile or Bath.
    static let selfEvidentCityPopulation = 500_000

    /// Drops leading words that are capitalised only by position: function words, days and
    /// months, and a sentence's first word when nothing else in the story shows it is a name.
    private func trim(_ run: [Int], _ words: [TextScanner.Word], evidence: Set<String>) -> [Int] {
        var indexes = run
        while let first = indexes.first {
            let word = words[first]
            let lower = word.text.lowercased()
            if EnglishWords.isFunctionWord(lower) || EnglishWords.calendarWords.contains(lower)
                || EnglishWords.properAdjectives.contains(lower) {
                indexes.removeFirst()
                continue
            }
            guard word.isSentenceInitial, !evidence.contains(word.text), !EnglishWords.honorifics.contains(lower) else { break }
            // "Anna Berg was..." opens many stories: a run of names keeps its first word,
            // unless that word is an adverb ("Suddenly Maria").
            if indexes.count > 1, !lower.hasSuffix("ly") { break }
            let name = indexes.map { words[$0].text }.joined(separator: " ")
            if let city = gazetteer.city(named: name),
               city.population >= Self.selfEvidentCityPopulation || words[indexes.last!].isPossessive {
                break
            }
            indexes.removeFirst()
        }
        return indexes
    }

    /// Words capitalised somewhere other than the start of a sentence: those capitals mean "name".
    /// A capitalised word directly followed by a verb of speech or action counts too ("Kai smiled").
    /// A known given name counts too, unless the story also uses it as an ordinary word
    /// ("hope", "grace"), and so does a subject of a past-tense verb ("Camille rented").
    private func nameEvidence(_ words: [TextScanner.Word]) -> Set<String> {
        var evidence = Set<String>()
        let lowercaseWords = Set(words.filter { !$0.isCapitalized }.map(\.text))
        for (index, word) in words.enumerated() where word.isCapitalized {
            let next = index + 1 < words.count && !words[index + 1].followsPunctuation
                && words[index + 1].sentence == word.sentence ? words[index + 1] : nil
            if !word.isSentenceInitial {
                evidence.insert(word.text)
            } else if givenNames.isGivenName(word.text), !lowercaseWords.contains(word.text.lowercased()) {
                evidence.insert(word.text)
            } else if !commonWords.contains(word.text), !EnglishWords.isFunctionWord(word.text),
                      !lowercaseWords.contains(word.text.lowercased()) {
                // Not an ordinary English word: "Oskar left." needs no other evidence.
                evidence.insert(word.text)
            } else if let next, EnglishWords.personVerbs.contains(next.text) {
                evidence.insert(word.text)
            } else if let next, !next.isCapitalized, next.text.count > 4, next.text.hasSuffix("ed"),
                      !word.text.hasSuffix("s"), !EnglishWords.isFunctionWord(word.text) {
                // A past-tense verb after a capital: "Camille rented". Plurals ("Children laughed") are not names.
                evidence.insert(word.text)
            }
        }
        return evidence
    }

    /// Maximal runs of capitalised words in one sentence, joined by single spaces, name
    /// particles ("de", "van") or a title's full stop ("Dr. Okafor"). A possessive ends a run.
    private func runs(_ words: [TextScanner.Word], text: String) -> [[Int]] {
        var result: [[Int]] = []
        var index = 0
        while index < words.count {
            guard words[index].isCapitalized, words[index].text.first?.isLetter == true else {
                index += 1
                continue
            }
            var run = [index]
            var next = index + 1
            while !words[run.last!].isPossessive, next < words.count, words[next].sentence == words[index].sentence {
                let candidate = words[next]
                let previous = words[run.last!]
                let gap = text[previous.range.upperBound..<candidate.range.lowerBound]
                let joinedByTitleStop = gap == ". " && EnglishWords.honorifics.contains(previous.text.lowercased())
                guard !candidate.followsPunctuation || joinedByTitleStop else { break }
                if candidate.isCapitalized {
                    run.append(next)
                    next += 1
                } else if EnglishWords.nameParticles.contains(candidate.text), next + 1 < words.count,
                          words[next + 1].isCapitalized, !words[next + 1].followsPunctuation,
                          words[next + 1].sentence == candidate.sentence {
                    run.append(next)
                    run.append(next + 1)
                    next += 2
                } else {
                    break
                }
            }
            result.append(run)
            index = next
        }
        return result
    }

    private func isPlace(_ indexes: [Int], _ words: [TextScanner.Word]) -> Bool {
        let last = words[indexes.last!]
        if indexes.count > 1, EnglishWords.placeSuffixes.contains(last.text.lowercased())
            || EnglishWords.placePrefixes.contains(words[indexes[0]].text.lowercased()) {
            return true
        }

        let after = indexes.last! + 1
        if !last.isPossessive, after < words.count, !words[after].followsPunctuation,
           words[after].sentence == last.sentence, !words[after].isCapitalized,
           EnglishWords.placeNouns.contains(words[after].text) {
            return true
        }
        return false
    }

    /// "the Tagus", "the Louvre": a name a story puts an article before is a thing or a place, not a
    /// person. (Checked after the gazetteer: "the Tokyo skyline" is still Tokyo.)
    private func followsArticle(_ indexes: [Int], _ words: [TextScanner.Word]) -> Bool {
        let first = indexes[0]
        return first > 0 && !words[first].followsPunctuation && words[first - 1].sentence == words[first].sentence
            && words[first - 1].text.lowercased() == "the"
    }

    /// "named Kai", "Kai smiled": the text treats the name as a person's.
    private func hasPersonCue(_ indexes: [Int], _ words: [TextScanner.Word]) -> Bool {
        let first = indexes.first!, last = indexes.last!
        if first > 0, !words[first].followsPunctuation, words[first - 1].sentence == words[first].sentence {
            let previous = words[first - 1].text.lowercased()
            // "a dog named Biscuit", and the inverted dialogue tag "said Hope".
            if EnglishWords.namingWords.contains(previous) || EnglishWords.speechVerbs.contains(previous) { return true }
        }
        if last + 1 < words.count, !words[last].isPossessive, !words[last + 1].followsPunctuation,
           words[last + 1].sentence == words[last].sentence, EnglishWords.personVerbs.contains(words[last + 1].text) {
            return true
        }
        return false
    }

    // MARK: - Grouping

    private func mergeCharacters(_ occurrences: [Occurrence], scanner: TextScanner) -> [StoryEntities.Character] {
        let ordered = occurrences.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let fullNames = orderedUnique(ordered.map(\.name).filter { $0.contains(" ") })
        // Map every name to the full name it belongs to.
        var owner: [String: String] = [:]
        for name in Set(ordered.map(\.name)) {
            if name.contains(" ") {
                owner[name] = name
                continue
            }
            let byFirst = fullNames.filter { $0.split(separator: " ").first.map(String.init) == name }
            let byLast = fullNames.filter { $0.split(separator: " ").last.map(String.init) == name }
            // "Bill" for "William Hart", "Liz" for "Elizabeth Moss", and the other way round.
            let byNickname = fullNames.filter { full in
                guard let first = full.split(separator: " ").first.map(String.init) else { return false }
                return givenNames.nicknames[first]?.contains(name) == true || givenNames.nicknames[name]?.contains(first) == true
            }
            if byFirst.count == 1 {
                owner[name] = byFirst[0]
            } else if byFirst.isEmpty, byLast.count == 1 {
                owner[name] = byLast[0]
            } else if byFirst.isEmpty, byLast.isEmpty, byNickname.count == 1 {
                owner[name] = byNickname[0]
            } else {
                owner[name] = name
            }
        }
        var groups: [String: [Occurrence]] = [:]
        var order: [String] = []
        for occurrence in ordered {
            let key = owner[occurrence.name] ?? occurrence.name
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(occurrence)
        }
        return order.map { key in
            let group = groups[key]!
            let first = group[0]
            // Named as introduced, unless the introduction is a bare surname ("Okafor" before "Amara Okafor").
            // Named as the story introduces them: "Kaito" stays Kaito even if "Kaito Perin" comes later,
            // but a surname or a nickname met first ("Okafor", "Bill") gives way to the full name.
            let introducedByFirstName = first.name == key || key.hasPrefix(first.name + " ")
            let name = introducedByFirstName ? first.name : key
            var aliases = Set(group.map(\.name))
            for occurrence in group {
                if let honorific = occurrence.honorific { aliases.insert(honorific + " " + occurrence.name) }
            }
            aliases.insert(key)
            aliases.remove(name)
            return StoryEntities.Character(name: name, aliases: aliases.sorted(), mentions: group.count,
                                           firstOffset: scanner.text.utf8.distance(from: scanner.text.startIndex, to: first.range.lowerBound),
                                           sentence: scanner.sentenceText(first.sentence))
        }
    }

    private func groupCities(_ occurrences: [(City, Occurrence)], scanner: TextScanner) -> [StoryEntities.CityMention] {
        var byID: [String: [(City, Occurrence)]] = [:]
        for item in occurrences { byID[item.0.id, default: []].append(item) }
        return byID.values.map { group in
            let sorted = group.sorted { $0.1.range.lowerBound < $1.1.range.lowerBound }
            let first = sorted[0].1
            return StoryEntities.CityMention(
                city: sorted[0].0, forms: orderedUnique(sorted.map(\.1.name)).sorted(), mentions: sorted.count,
                firstOffset: scanner.text.utf8.distance(from: scanner.text.startIndex, to: first.range.lowerBound),
                sentence: scanner.sentenceText(first.sentence))
        }
        .sorted { ($0.firstOffset, $0.city.id) < ($1.firstOffset, $1.city.id) }
    }

    /// A place belongs to the city named in the same sentence, or to the story's only city.
    private func groupPlaces(_ occurrences: [Occurrence], cities: [StoryEntities.CityMention],
                             cityOccurrences: [(City, Occurrence)], scanner: TextScanner) -> [StoryEntities.Place] {
        var byName: [String: [Occurrence]] = [:]
        for occurrence in occurrences { byName[occurrence.name, default: []].append(occurrence) }
        return byName.map { name, group in
            let sorted = group.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var cityID: String?
            for occurrence in sorted {
                if let match = cityOccurrences.first(where: { $0.1.sentence == occurrence.sentence }) {
                    cityID = match.0.id
                    break
                }
            }
            if cityID == nil, cities.count == 1 { cityID = cities[0].city.id }
            return StoryEntities.Place(name: name, cityID: cityID, mentions: sorted.count,
                                       sentence: scanner.sentenceText(sorted[0].sentence))
        }
        .sorted { $0.name < $1.name }
    }

    private func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
