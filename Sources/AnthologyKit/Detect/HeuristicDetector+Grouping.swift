extension HeuristicDetector.Context {
    typealias Occurrence = HeuristicDetector.Occurrence

    /// Groups a story's person occurrences into characters.
    ///
    /// A name belongs to the one fuller name it is part of: a first name ("Nora"), a surname with
    /// its particles ("Van Dijk", "De la Cruz", "Al-Rashid"), a nickname ("Bill" for William, by
    /// the bundled table, or "Dec" for Declan, a short form met after the full one). Where two
    /// full names could claim it ("Berg" of Anna and Lars Berg), it stays on its own.
    func mergeCharacters(_ occurrences: [Occurrence]) -> [StoryEntities.Character] {
        let ordered = occurrences.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let names = orderedUnique(ordered.map(\.name))
        let firstSeen = Dictionary(ordered.enumerated().map { ($1.name, $0) }, uniquingKeysWith: min)
        let fullNames = names.filter { $0.containsSpace }
        // Each name's words, split once: every name is compared with every other, and splitting
        // them again for each pair was over a third of what grouping cost.
        let words = Dictionary(names.map { ($0, $0.split(separator: " ").map(String.init)) }, uniquingKeysWith: { first, _ in first })
        var owner: [String: String] = [:]
        for name in names {
            owner[name] = claimant(of: name, fullNames: fullNames, allNames: names, words: words, firstSeen: firstSeen) ?? name
        }
        // Follow chains ("Liz" → "Elizabeth" → "Elizabeth Hart").
        func root(_ name: String) -> String {
            var current = name, steps = 0
            while let next = owner[current], next != current, steps < 8 { current = next; steps += 1 }
            return current
        }
        var groups: [String: [Occurrence]] = [:]
        var order: [String] = []
        for occurrence in ordered {
            let key = root(occurrence.name)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(occurrence)
        }
        // A character does something somewhere in the story; a name that never acts, speaks,
        // owns or is spoken to is a thing or a place the text mentions in passing.
        // A full name ("Pieter van Dijk") is evidence enough on its own.
        // but not one only ever met as a destination: "You land at Tân Sơn Nhất at two in the morning".
        order.removeAll { key in
            let group = groups[key]!
            return !group.contains(where: \.personLike) && (!isFullName(key) || group.allSatisfy(\.placeCue))
        }
        return order.map { key in
            let group = groups[key]!
            let first = group[0]
            // Named as the story introduces them: "Kaito" stays Kaito even if "Kaito Perin" comes
            // later, but a surname or nickname met first ("Okafor", "Bill") gives way to the full name.
            let name = first.name == key || key.hasPrefix(first.name + " ") ? first.name : key
            var aliases = Set(group.map(\.name))
            for occurrence in group { if let titled = occurrence.titledForm { aliases.insert(titled) } }
            aliases.insert(key)
            aliases.remove(name)
            return StoryEntities.Character(name: name, aliases: aliases.sorted(), mentions: group.count,
                                           firstOffset: offset(of: first), sentence: scanner.sentenceText(first.sentence))
        }
    }

    /// Two or more words, the first of them not ordinary English: "Anna Berg", not "Semana Santa".
    private func isFullName(_ name: String) -> Bool {
        let parts = name.split(separator: " ")
        return parts.count > 1 && parts.first.map { !commonWords.contains(String($0)) } == true
    }

    /// The name `name` is a shorter form of, if exactly one name claims it. `words` holds each
    /// name's words.
    private func claimant(of name: String, fullNames: [String], allNames: [String], words: [String: [String]],
                          firstSeen: [String: Int]) -> String? {
        let lower = name.lowercased()
        let nameWords = words[name] ?? []
        let others = fullNames.filter { $0 != name }
        // First name: "Nora" of "Nora Perin".
        let firstNamePrefix = name + " "
        let byFirst = others.filter { $0.hasPrefix(firstNamePrefix) }
        if byFirst.count == 1 { return byFirst[0] }
        guard byFirst.isEmpty else { return nil }
        // Surname, particles and all, in any capitalisation: "Van Dijk" of "Pieter van Dijk".
        let bySurname = others.filter { full in
            let parts = words[full] ?? []
            guard parts.count > nameWords.count else { return false }
            return parts.suffix(nameWords.count).joined(separator: " ").lowercased() == lower
        }
        if bySurname.count == 1 { return bySurname[0] }
        guard bySurname.isEmpty, nameWords.count == 1 else { return nil }
        // Nickname: "Bill" of "William Hart", "Liz" of "Elizabeth", either way round.
        let nicknames = givenNames.nicknames
        let byNickname = onePersonEach(allNames.filter { other in
            guard other != name, let first = words[other]?.first, first != name else { return false }
            return nicknames[first]?.contains(name) == true || nicknames[name]?.contains(first) == true
        })
        if byNickname.count == 1 {
            // The later-introduced form gives way to the earlier one, so the chain ends at the name met first.
            let other = byNickname[0]
            if other.containsSpace || firstSeen[other, default: .max] < firstSeen[name, default: .max] { return other }
            return nil
        }
        // A short form met after the full one: "Dec" after "Declan".
        if name.count >= 3 {
            let byPrefix = onePersonEach(allNames.filter { other in
                guard let first = words[other]?.first, first.count > name.count else { return false }
                return first.hasPrefix(name) && firstSeen[other, default: .max] < firstSeen[name, default: .max]
            })
            if byPrefix.count == 1 { return byPrefix[0] }
        }
        return nil
    }

    /// The candidates without those that are only the first name of another candidate: after
    /// "Theodora Radcliffe" and "Theodora", "Theo" has one claimant, not two.
    private func onePersonEach(_ candidates: [String]) -> [String] {
        candidates.filter { candidate in !candidates.contains { $0.hasPrefix(candidate + " ") } }
    }

    func groupCities(_ occurrences: [(City, Occurrence)]) -> [StoryEntities.CityMention] {
        var byID: [String: [(City, Occurrence)]] = [:]
        for item in occurrences { byID[item.0.id, default: []].append(item) }
        return byID.values.map { group in
            let sorted = group.sorted { $0.1.range.lowerBound < $1.1.range.lowerBound }
            let first = sorted[0].1
            return StoryEntities.CityMention(
                city: sorted[0].0, forms: orderedUnique(sorted.map(\.1.name)).sorted(), mentions: sorted.count,
                firstOffset: offset(of: first), sentence: scanner.sentenceText(first.sentence))
        }
        .sorted { ($0.firstOffset, $0.city.id) < ($1.firstOffset, $1.city.id) }
    }

    /// A place belongs to the city named in the same sentence, or to the story's only city.
    func groupPlaces(_ occurrences: [Occurrence], cities: [(City, Occurrence)]) -> [StoryEntities.Place] {
        let cityIDs = Set(cities.map(\.0.id))
        var byName: [String: [Occurrence]] = [:]
        for occurrence in occurrences { byName[occurrence.name, default: []].append(occurrence) }
        return byName.map { name, group in
            let sorted = group.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var cityID: String?
            for occurrence in sorted {
                if let match = cities.first(where: { $0.1.sentence == occurrence.sentence }) {
                    cityID = match.0.id
                    break
                }
            }
            if cityID == nil, cityIDs.count == 1 { cityID = cityIDs.first }
            return StoryEntities.Place(name: name, cityID: cityID, mentions: sorted.count,
                                       sentence: scanner.sentenceText(sorted[0].sentence))
        }
        .sorted { $0.name < $1.name }
    }

    private func offset(of occurrence: Occurrence) -> Int {
        text.utf8.distance(from: text.startIndex, to: occurrence.range.lowerBound)
    }

    private func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
