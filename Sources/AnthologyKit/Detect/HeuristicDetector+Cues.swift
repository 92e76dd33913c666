/// What the words around a name say about it: person, place, or neither.
extension HeuristicDetector.Context {
    // MARK: - Cues

    /// The occurrence opens its sentence or a quotation, where any word is capitalised.
    func startsSentence(_ occurrence: HeuristicDetector.Occurrence) -> Bool {
        words.first { $0.range.lowerBound == occurrence.range.lowerBound }?.isSentenceInitial ?? false
    }

    func previousWord(before index: Int) -> TextScanner.Word? {
        guard index > 0, !words[index].followsPunctuation, words[index - 1].sentence == words[index].sentence else { return nil }
        return words[index - 1]
    }

    func nextWord(after index: Int) -> TextScanner.Word? {
        guard index + 1 < words.count, !words[index + 1].followsPunctuation,
              words[index + 1].sentence == words[index].sentence else { return nil }
        return words[index + 1]
    }

    /// Whether this occurrence shows someone who acts, speaks, owns or is spoken to: a subject
    /// of a verb, a possessive, an object of "met" or "told", a name in a vocative or an
    /// apposition. Every character has at least one such mention; a festival, a street or a
    /// brand ("Tết", "Laugavegur", "Fanta") usually has none.
    func isPersonLike(_ indexes: [Int]) -> Bool {
        let first = indexes.first!, last = indexes.last!
        if words[last].isPossessive || isVocative(last) || isAppositive(last) || isSelfIntroduction(first) { return true }
        if let next = nextWord(after: last), isVerbLike(next) || EnglishWords.auxiliaries.contains(next.text) { return true }
        if let previous = previousWord(before: first)?.text.lowercased(), EnglishWords.objectVerbs.contains(previous) {
            return true
        }
        // "..., Kenji." / "..., Kenji?" at the end of a quotation: spoken to. Most names have no
        // ", " right before them, which the bytes show without counting characters.
        let start = words[first].range.lowerBound
        guard text.hasASCIISuffix(", ", before: start) else { return false }
        let before = text[..<start].suffix(2)
        let after = text[words[last].range.upperBound...].prefix(1)
        return before == ", " && (after == "." || after == "?" || after == "!")
    }

    /// Verbs and roles only people have, unlike "was" or "is", which cities share.
    func actsAsPerson(_ indexes: [Int]) -> Bool {
        let first = indexes.first!, last = indexes.last!
        if isVocative(last) || isAppositive(last) || isSelfIntroduction(first) { return true }
        if !words[last].isPossessive, let next = nextWord(after: last), EnglishWords.personVerbs.contains(next.text) { return true }
        if let previous = previousWord(before: first)?.text.lowercased(), EnglishWords.objectVerbs.contains(previous) { return true }
        return false
    }

    /// "named Kai", "said Hope", "my friend Victoria", "Madison laughs", "Sydney said".
    func hasPersonCue(_ indexes: [Int]) -> Bool {
        if let previous = previousWord(before: indexes.first!)?.text.lowercased(),
           EnglishWords.namingWords.contains(previous) || EnglishWords.speechVerbs.contains(previous)
            || EnglishWords.relationNouns.contains(previous) {
            return true
        }
        if !words[indexes.last!].isPossessive, let next = nextWord(after: indexes.last!), EnglishWords.speechVerbs.contains(next.text) {
            return true
        }
        return false
    }

    /// "in Lisbon", "from Tokyo", "Lagos's traffic", "Portland, Maine", "the Tokyo skyline".
    func hasPlaceCue(_ indexes: [Int]) -> Bool {
        if let previous = previousWord(before: indexes.first!)?.text.lowercased(),
           EnglishWords.locativePrepositions.contains(previous) {
            return true
        }
        let last = indexes.last!
        if last + 1 < words.count, words[last + 1].sentence == words[last].sentence,
           text.isASCII(", ", from: words[last].range.upperBound, to: words[last + 1].range.lowerBound) {
            // "Portland, Maine", "Córdoba, Argentina"
            var region = words[last + 1].text
            if last + 2 < words.count, !words[last + 2].followsPunctuation, words[last + 2].isCapitalized {
                region += " " + words[last + 2].text
            }
            if isRegion(region) || isRegion(words[last + 1].text) { return true }
        }
        if words[last].isPossessive, let next = nextWord(after: last), !next.isCapitalized,
           EnglishWords.cityNouns.contains(next.text) {
            return true  // "Lagos's traffic", "Tokyo's art scene"
        }
        if let next = nextWord(after: last), !next.isCapitalized, EnglishWords.cityNouns.contains(next.text),
           previousWord(before: indexes.first!)?.text.lowercased() == "the" {
            return true  // "the Tokyo skyline"
        }
        return false
    }

    /// Every way the text introduces this occurrence is a preposition of place.
    func isStrictlyLocative(_ indexes: [Int]) -> Bool {
        guard let previous = previousWord(before: indexes.first!) else { return false }
        let lower = previous.text.lowercased()
        if EnglishWords.strictLocatives.contains(lower) { return true }
        if lower == "of", let before = previousWord(before: indexes.first! - 1), before.text.lowercased() == "out" { return true }
        return false
    }

    // MARK: - Places and cities

    /// Countries, continents, regions: "Poland", "West Africa", "Ontario".
    func isRegion(_ name: String) -> Bool {
        lookups.remember(name, in: \.isRegion) { isRegionUncached(name) }
    }

    private func isRegionUncached(_ name: String) -> Bool {
        if gazetteer.isCountry(name) || Regions.byName[name] != nil || EnglishWords.worldRegions.contains(name) {
            return true
        }
        // Split at the first space; by bytes for an ASCII name (most), whose characters are its bytes.
        let parts = name.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D })
            ? name.utf8.split(separator: 0x20, maxSplits: 1).map { String(Substring($0)) }
            : name.split(separator: " ", maxSplits: 1).map(String.init)
        return parts.count == 2 && EnglishWords.compassWords.contains(parts[0].lowercased())
            && (gazetteer.isCountry(parts[1]) || EnglishWords.worldRegions.contains(parts[1]))
    }

    /// Ends in "River", starts with "Rua", or is followed by "district": a place in a city.
    func isPlace(_ indexes: [Int]) -> Bool {
        let first = words[indexes.first!], last = words[indexes.last!]
        if indexes.count > 1, indexes.dropFirst().contains(where: { EnglishWords.placeSuffixes.contains(words[$0].text.lowercased()) })
            || EnglishWords.placePrefixes.contains(first.text.lowercased()) {
            return true  // "Sumida River", "Queen Street West", "Rua Augusta"
        }
        // Place words written into the name itself: "Hallgrímskirkja", "Karaköy".
        let hasPlaceEnding = lookups.remember(last.text, in: \.placeWordEnding) {
            let lower = last.text.lowercased()
            return EnglishWords.placeWordEndings.contains { lower.hasSuffix($0) && lower.count > $0.count + 2 }
        }
        if hasPlaceEnding { return true }
        if !last.isPossessive, let next = nextWord(after: indexes.last!), !next.isCapitalized,
           EnglishWords.placeNouns.contains(next.text) {
            return true
        }
        return false
    }

    /// "Thames Valley Police", "General Affairs": an organisation, which is no one and nowhere.
    func isOrganisation(_ indexes: [Int]) -> Bool {
        indexes.count > 1 && EnglishWords.organisationSuffixes.contains(words[indexes.last!].text.lowercased())
    }

    /// "the Tagus", "the Louvre": a name a story puts an article before is a thing or a place.
    func followsArticle(_ indexes: [Int]) -> Bool {
        previousWord(before: indexes.first!)?.text.lowercased() == "the"
    }

    /// Cities by primary name, else by alternate name ("Bombay"); an alternate name is never
    /// self-evident, so it needs a place cue ("Victoria" is an old name of Hong Kong, and a person).
    func cities(named name: String) -> [City] {
        lookups.remember(name, in: \.cities) { citiesUncached(named: name) }
    }

    private func citiesUncached(named name: String) -> [City] {
        if isRegion(name) {
            // A city-state is both: Singapore, Luxembourg, Monaco.
            return gazetteer.cities(named: name, alternates: false).filter { Gazetteer.key($0.countryName) == Gazetteer.key(name) }
        }
        let primary = gazetteer.cities(named: name, alternates: false)
        if !primary.isEmpty { return primary }
        return gazetteer.cities(named: name, alternates: true)
    }

    /// The name under which the gazetteer has `name` as a city: `name` itself, or with its
    /// "St" written out ("St Petersburg" is Saint Petersburg); nil for no city.
    func cityName(_ name: String) -> String? {
        if !cities(named: name).isEmpty { return name }
        guard name.hasPrefix("St ") else { return nil }
        let saint = "Saint " + name.dropFirst(3)
        return cities(named: saint).isEmpty ? nil : saint
    }

    /// The city a name stands for; among same-named cities, the one whose country or region
    /// the text names nearest to `position` (the name's first mention).
    func city(named name: String, near position: String.Index? = nil) -> City? {
        guard position == nil else { return cityUncached(named: name, near: position) }
        return lookups.remember(name, in: \.city) { cityUncached(named: name, near: nil) }
    }

    private func cityUncached(named name: String, near position: String.Index?) -> City? {
        let candidates = cities(named: name)
        guard candidates.count > 1 else { return candidates.first }
        if let qualified = qualifiedCity(named: name) { return qualified }
        return gazetteer.pick(candidates, context: text, near: position, textIsPlain: textIsPlain)
    }

    /// "Perth in Scotland, not Perth in Australia", "Valencia in Venezuela?" ... "Valencia in
    /// Spain": the last qualification the text does not negate says which of the cities called
    /// `name` it is.
    func qualifiedCity(named name: String) -> City? {
        lookups.remember(name, in: \.qualifiedCity) { qualifiedCityUncached(named: name, among: cities(named: name)) }
    }

    private func qualifiedCityUncached(named name: String, among candidates: [City]) -> City? {
        var chosen: City?
        for range in TextMatch.allWholeWords(name, in: text, textIsPlain: textIsPlain) {
            let before = text[..<range.lowerBound].suffix(5).lowercased()
            if before.hasSuffix("not ") || before.hasSuffix("no ") { continue }
            let after = text[range.upperBound...]
            let qualifier: Substring
            if after.hasPrefix(" in ") { qualifier = after.dropFirst(4) } else if after.hasPrefix(", ") { qualifier = after.dropFirst(2) } else { continue }
            let phrase = String(qualifier.prefix { $0.isLetter || $0 == " " }).trimmingCharacters(in: .whitespaces)
            for city in candidates {
                let regionNames = Regions.names(country: city.countryCode, admin1: city.admin1)
                if ([city.countryName] + regionNames).contains(where: { !$0.isEmpty && phrase.hasPrefix($0) }) { chosen = city }
            }
        }
        return chosen
    }
}
