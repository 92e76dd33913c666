extension HeuristicDetector {
    /// One story as the detector sees it: its words, and what the whole text says about each.
    struct Context {
        /// The detector's reference data, held here rather than read through the detector,
        /// whose optional fields (`nil` for the bundled data) were unwrapped and copied, with a
        /// retain and a release of each table, at every one of the many lookups per word.
        let gazetteer: Gazetteer
        let commonWords: CommonWords
        let givenNames: GivenNames
        let scanner: TextScanner
        var words: [TextScanner.Word] { scanner.words }
        var text: String { scanner.text }
        /// Words the story also writes in lower case ("hope", "split"): ordinary words here.
        let lowercaseWords: Set<String>
        /// Words the text shows to be names (see `nameEvidence`).
        private(set) var evidence: Set<String> = []
        private let allRuns: [[Int]]
        /// Each of `allRuns` trimmed, where the last evidence (full names) cannot change
        /// the first trimming: nil for a run that holds a word only that evidence added.
        private var trimmedRuns: [[Int]?] = []
        /// Gazetteer answers already worked out for this story.
        let lookups = StoryLookups()

        init(prose: String, detector: HeuristicDetector) {
            gazetteer = detector.gazetteer
            commonWords = detector.commonWords
            givenNames = detector.givenNames
            scanner = TextScanner(prose)
            lowercaseWords = Self.lowercaseWords(scanner.words)
            allRuns = Self.runs(scanner.words, text: prose, gazetteer: gazetteer)
            evidence = nameEvidence()
            // Full names found in a first pass ("Anna Berg") vouch for their words when those
            // open a sentence alone ("Anna left first.").
            let firstTrim = allRuns.map { trim($0) }
            let fullNameWords = Set(firstTrim.filter { $0.count > 1 }.flatMap { $0.map { words[$0].text } })
            let added = fullNameWords.subtracting(evidence)
            evidence.formUnion(added)
            // Trimming reads the evidence only for the run's own words, and every other answer
            // it takes is the same on a second asking: a run without a newly vouched word
            // trims as it did (the second trimming was a tenth of detection).
            trimmedRuns = added.isEmpty ? firstTrim : zip(allRuns, firstTrim).map { run, trimmed in
                run.contains { added.contains(words[$0].text) } ? nil : trimmed
            }
        }

        /// Words the story writes in lower case, lower-cased: most have no capital to lower,
        /// and are taken as they are.
        private static func lowercaseWords(_ words: [TextScanner.Word]) -> Set<String> {
            var result = Set<String>(minimumCapacity: words.count)
            for word in words where !word.isCapitalized {
                let isLowerASCII = word.text.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
                result.insert(isLowerASCII ? word.text : word.text.lowercased())
            }
            return result
        }

        /// Whether the text can be searched byte by byte (`TextMatch.isPlain`), worked out once.
        var textIsPlain: Bool {
            if let known = lookups.textIsPlain { return known }
            let plain = TextMatch.isPlain(text)
            lookups.textIsPlain = plain
            return plain
        }

        func candidateRuns() -> [[Int]] {
            zip(allRuns, trimmedRuns).map { run, trimmed in trimmed ?? trim(run) }.filter { !$0.isEmpty }
        }

        // MARK: - Evidence

        /// Words that are names wherever they stand: capitalised in mid-sentence; a known given
        /// name, or a word that is not ordinary English and recurs or acts ("Oskar left"), even
        /// at a sentence's start; a capitalised subject of a past-tense verb ("Camille rented").
        private func nameEvidence() -> Set<String> {
            var evidence = Set<String>()
            var counts: [String: Int] = [:]
            for word in words where word.isCapitalized { counts[word.text, default: 0] += 1 }
            for (index, word) in words.enumerated() where word.isCapitalized && !isNeverAName(word.text) {
                // Most capitalised words stand in mid-sentence: the cheapest test goes first.
                if !word.isSentenceInitial {
                    evidence.insert(word.text)
                    continue
                }
                let next = nextWord(after: index)
                let lower = word.text.lowercased()
                let ordinary = commonWords.contains(lowercased: lower) || lowercaseWords.contains(lower)
                if givenNames.isGivenName(word.text), !lowercaseWords.contains(lower) {
                    evidence.insert(word.text)
                } else if !ordinary, counts[word.text, default: 0] > 1 || next.map(isVerbLike) == true
                            || word.isPossessive || isVocative(index) || isAppositive(index) {
                    evidence.insert(word.text)
                } else if let next, EnglishWords.personVerbs.contains(next.text) || EnglishWords.speechVerbs.contains(next.text) {
                    evidence.insert(word.text)
                } else if let next, !next.isCapitalized, next.text.count > 4, next.text.hasSuffix("ed"),
                          !word.text.hasSuffix("s"), !ordinary {
                    evidence.insert(word.text)
                }
            }
            return evidence
        }

        /// A name said to someone: "Mai," she says; "Łukasz, your grandfather..."; "Søren, explain."
        func isVocative(_ index: Int) -> Bool {
            let word = words[index]
            // Every form below starts with "," or "?": most words are followed by neither.
            guard word.isSentenceInitial, let next = text.utf8Byte(at: word.range.upperBound),
                  next == UInt8(ascii: ",") || next == UInt8(ascii: "?") else { return false }
            let after = text[word.range.upperBound...].prefix(2)
            if after == ",\u{201D}" || after == ",\"" || after == "?\u{201D}" || after == "?\"" {
                return true
            }
            return after.hasPrefix(",") && !commonWords.contains(word.text)
        }

        /// "my name is Łukasz", "I'm Anne-Marie Lefebvre": someone introducing themselves.
        func isSelfIntroduction(_ index: Int) -> Bool {
            guard let previous = previousWord(before: index)?.text.lowercased() else { return false }
            if Self.introducingWords.contains(previous) { return true }
            return previous == "is" && index > 1 && Self.nameWords.contains(words[index - 2].text.lowercased())
        }

        // Made once: an array literal in the function was made again at every call.
        private static let introducingWords: Set<String> = ["i’m", "i'm", "am", "named", "called"]
        private static let nameWords: Set<String> = ["name", "name’s"]
        private static let appositiveDeterminers: Set<String> = ["her", "his", "my", "their", "our", "your", "a", "the"]

        /// "Ifeoma, her daughter, ...": a name explained by who the person is.
        func isAppositive(_ index: Int) -> Bool {
            guard index + 2 < words.count, text.hasASCIIPrefix(", ", at: words[index].range.upperBound) else { return false }
            let determiner = words[index + 1].text.lowercased(), noun = words[index + 2].text.lowercased()
            return Self.appositiveDeterminers.contains(determiner) && EnglishWords.relationNouns.contains(noun)
        }

        func isVerbLike(_ word: TextScanner.Word) -> Bool {
            !word.isCapitalized && (EnglishWords.personVerbs.contains(word.text) || EnglishWords.speechVerbs.contains(word.text)
                || (word.text.count > 4 && word.text.hasSuffix("ed")))
        }

        /// Function words, days, months, nationalities, contractions ("I’m") and acronyms.
        func isNeverAName(_ word: String) -> Bool {
            lookups.remember(word, in: \.neverAName) { Self.isNeverANameUncached(word) }
        }

        private static func isNeverANameUncached(_ word: String) -> Bool {
            let lower = word.lowercased()
            let singular = lower.hasSuffix("s") ? String(lower.dropLast()) : lower
            if EnglishWords.isFunctionWord(lower) || EnglishWords.calendarWords.contains(lower)
                || EnglishWords.calendarWords.contains(singular) || EnglishWords.properAdjectives.contains(lower)
                || EnglishWords.properAdjectives.contains(singular) {
                return true
            }
            if EnglishWords.isContraction(lower) { return true }
            // An acronym: two letters or more, all capitals. In ASCII, by bytes.
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                var capitals = 0
                for byte in word.utf8 {
                    if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return false }
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { capitals += 1 }
                }
                return capitals > 1
            }
            let letters = word.filter(\.isLetter)
            return letters.count > 1 && letters.allSatisfy(\.isUppercase)
        }

        /// A word right before a colon is a label ("Re:", "Subject:"), not a name.
        func isLabel(_ index: Int) -> Bool {
            text.hasASCIIPrefix(":", at: words[index].range.upperBound)
        }

        // MARK: - Runs

        /// Maximal runs of capitalised words in one sentence, joined by single spaces, name
        /// particles ("de", "van"), a title's full stop ("Dr. Okafor"), or the lower-case words
        /// of a city's name ("Dar es Salaam"). A possessive ends a run.
        private static func runs(_ words: [TextScanner.Word], text: String, gazetteer: Gazetteer) -> [[Int]] {
            var result: [[Int]] = []
            var index = 0
            while index < words.count {
                guard words[index].isCapitalized, Self.startsWithLetter(words[index].text) else {
                    index += 1
                    continue
                }
                var run = [index]
                var next = index + 1
                while !words[run.last!].isPossessive, next < words.count, words[next].sentence == words[index].sentence {
                    let candidate = words[next]
                    let previous = words[run.last!]
                    let joinedByTitleStop = text.isASCII(". ", from: previous.range.upperBound, to: candidate.range.lowerBound)
                        && EnglishWords.honorifics.contains(previous.text.lowercased())
                    guard !candidate.followsPunctuation || joinedByTitleStop else { break }
                    // "From: ...", "Subject: ...", "ANNE-MARIE: ...": a label, not part of a name.
                    if text.hasASCIIPrefix(":", at: candidate.range.upperBound) { break }
                    if candidate.isCapitalized {
                        run.append(next)
                        next += 1
                    } else if EnglishWords.nameParticles.contains(candidate.text), next + 1 < words.count,
                              !words[next + 1].followsPunctuation, words[next + 1].sentence == candidate.sentence,
                              words[next + 1].isCapitalized || EnglishWords.nameParticles.contains(words[next + 1].text) {
                        run.append(next)  // "de la Cruz": particles may follow each other
                        next += 1
                    } else if let end = cityNameEnd(run, joinedBy: next, in: words, gazetteer: gazetteer) {
                        run += Array(next...end)
                        next = end + 1
                    } else {
                        break
                    }
                }
                while let last = run.last, !words[last].isCapitalized { run.removeLast() }
                result.append(run)
                index = next
            }
            return result
        }

        /// `word.first?.isLetter`, by its first byte when that is ASCII (most words).
        private static func startsWithLetter(_ word: String) -> Bool {
            guard let first = word.utf8.first else { return false }
            guard first < 0x80 else { return word.first?.isLetter == true }
            return (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
        }

        /// Where a city's name ends when the lower-case word at `joiner` carries the run on into
        /// it ("Dar" + "es" + "Salaam"), or nil. Only a whole name in the gazetteer counts, so
        /// "Anna and Bob" stays two runs however many cities have an "and" in their names.
        private static func cityNameEnd(_ run: [Int], joinedBy joiner: Int, in words: [TextScanner.Word], gazetteer: Gazetteer) -> Int? {
            guard gazetteer.joiningWords.contains(words[joiner].text) else { return nil }
            var end = joiner
            // The capitalised words (and further joiners) that follow, in the same sentence.
            var following: [Int] = []
            while end + 1 < words.count, following.count < 4, words[end + 1].sentence == words[joiner].sentence,
                  !words[end + 1].followsPunctuation,
                  words[end + 1].isCapitalized || gazetteer.joiningWords.contains(words[end + 1].text) {
                end += 1
                following.append(end)
            }
            // The longest name first, starting anywhere in the run: "In Dar es Salaam" holds "Dar es Salaam".
            for last in following.reversed() where words[last].isCapitalized {
                let tail = [joiner] + following.prefix { $0 <= last }
                for start in run.indices {
                    let name = (run[start...] + tail).map { words[$0].text }.joined(separator: " ")
                    if !gazetteer.cities(named: name).isEmpty { return last }
                }
            }
            return nil
        }

        /// Drops leading words that are capitalised only by position or are never names.
        private func trim(_ run: [Int]) -> [Int] {
            var indexes = run
            while let first = indexes.first {
                // A city's name is kept whole, whatever its words: "Hoi An", "Ho Chi Minh City",
                // and "Santa Cruz de la Sierra" once the sentence's opening "In" is gone.
                if indexes.count > 1, !cities(named: indexes.map { words[$0].text }.joined(separator: " ")).isEmpty { return indexes }
                let word = words[first]
                let lower = word.text.lowercased()
                if isNeverAName(word.text) {
                    indexes.removeFirst()
                    // "Ramadan Kareem", "Christmas Eve", "Good Friday": one word left after a festival
                    // or nationality belongs to that phrase.
                    let phraseWord = EnglishWords.properAdjectives.contains(lower) || EnglishWords.calendarWords.contains(lower)
                    if phraseWord, indexes.count == 1 { return [] }
                    continue
                }
                guard word.isSentenceInitial, !evidence.contains(word.text), !EnglishWords.honorifics.contains(lower) else { break }
                // "Anna Berg was..." opens many stories: a run of names keeps its first word,
                // unless that word is an ordinary adverb or adjective ("Suddenly Maria", "Big Ben").
                if indexes.count > 1, !commonWords.contains(word.text) { break }
                let name = indexes.map { words[$0].text }.joined(separator: " ")
                if let city = city(named: name),
                   city.population >= HeuristicDetector.selfEvidentCityPopulation || words[indexes.last!].isPossessive {
                    break
                }
                indexes.removeFirst()
            }
            while let last = indexes.last, isNeverAName(words[last].text) || isLabel(last) {
                indexes.removeLast()
                let lower = words[last].text.lowercased()
                // "Hari Raya", "Eid al-Adha": the word before a festival belongs to its name.
                if EnglishWords.properAdjectives.contains(lower) || EnglishWords.calendarWords.contains(lower), indexes.count == 1 {
                    return []
                }
            }
            return indexes
        }

        /// The occurrence a trimmed run stands for, with its title split off; nil for a run that
        /// is nobody (a bare title, initials).
        func occurrence(for run: [Int]) -> (indexes: [Int], value: Occurrence)? {
            var indexes = run
            guard indexes.contains(where: { words[$0].text.count > 1 }) else { return nil }  // "P. S."
            var titleWords: [Int] = []
            let whole = indexes.map { words[$0].text }.joined(separator: " ")
            let keepTitles = cityName(whole) != nil || isPlace(indexes) || isOrganisation(indexes)
            while !keepTitles, let first = indexes.first, indexes.count > 1, EnglishWords.honorifics.contains(words[first].text.lowercased()) {
                titleWords.append(first)
                indexes.removeFirst()
            }
            if titleWords.isEmpty, indexes.count == 1, EnglishWords.honorifics.contains(words[indexes[0]].text.lowercased()) {
                return nil  // A bare title ("the Captain") is nobody in particular.
            }
            var names = indexes.map { words[$0].text }
            var honorific = titleWords.isEmpty ? nil
                : titleWords.map { words[$0].text + (words[$0].followedByPeriod ? "." : "") }.joined(separator: " ")
            var titledForm = honorific.map { $0 + " " + names.joined(separator: " ") }
            // Honorific suffixes: "Watanabe-san" is Watanabe.
            if let last = names.last, last.utf8.contains(UInt8(ascii: "-")), case let lower = last.lowercased(),
               let suffix = EnglishWords.honorificSuffixes.first(where: { lower.hasSuffix("-" + $0) }) {
                names[names.count - 1] = String(last.dropLast(suffix.count + 1))
                honorific = honorific ?? "-" + suffix
                titledForm = (titledForm ?? names.dropLast().joined(separator: " ")) + (names.count > 1 ? " " : "") + last
                if names.count == 1 { titledForm = last }
            }
            let first = words[indexes.first!], last = words[indexes.last!]
            let start = titleWords.first.map { words[$0].range.lowerBound } ?? first.range.lowerBound
            let personCue = hasPersonCue(indexes)
            let occurrence = Occurrence(
                name: names.joined(separator: " "), honorific: honorific, titledForm: titledForm,
                range: start..<last.range.upperBound, sentence: first.sentence,
                personCue: personCue, placeCue: hasPlaceCue(indexes),
                strictlyLocative: isStrictlyLocative(indexes),
                personLike: personCue || !titleWords.isEmpty || isPersonLike(indexes))
            return (indexes, occurrence)
        }
    }
}
