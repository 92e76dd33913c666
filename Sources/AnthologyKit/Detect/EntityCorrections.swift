/// Applies what the front matter says about a story's characters and cities.
///
/// The editor has the last word: a `characters` or `cities` list replaces what was detected.
/// Counts and first sentences are still read from the text, so the pages stay as rich as
/// for detected names.
public struct EntityCorrections: Sendable {
    /// Nil for the bundled gazetteer, read only when a front matter list needs it.
    private let givenGazetteer: Gazetteer?
    public var gazetteer: Gazetteer { givenGazetteer ?? .bundled }

    public init(gazetteer: Gazetteer? = nil) {
        givenGazetteer = gazetteer
    }

    public func apply(_ frontMatter: FrontMatter, to detected: StoryEntities, prose: String, file: String) -> (StoryEntities, [Diagnostic]) {
        var entities = detected
        var diagnostics: [Diagnostic] = []
        if !frontMatter.not.isEmpty {
            // `not: [Mercy]` drops a false detection, whichever form of the name it was found under.
            let rejected = Set(frontMatter.not.map(Gazetteer.key))
            let isRejected = { (forms: [String]) in forms.contains { rejected.contains(Gazetteer.key($0)) } }
            entities.characters.removeAll { isRejected($0.forms) }
            entities.cities.removeAll { isRejected($0.forms + [$0.city.name]) }
            entities.places.removeAll { isRejected([$0.name]) }
            let found = Set((detected.characters.flatMap(\.forms) + detected.cities.flatMap { $0.forms + [$0.city.name] }
                + detected.places.map(\.name)).map(Gazetteer.key))
            for name in frontMatter.not where !found.contains(Gazetteer.key(name)) {
                diagnostics.append(.note(file, "`not: \(name)` matches nothing that was detected",
                                         fix: "remove it, or check the spelling against `anthology entities`"))
            }
        }
        // The text is only scanned when a list in the front matter needs counts and sentences.
        guard frontMatter.characters != nil || frontMatter.cities != nil else {
            return (entities, diagnostics)
        }
        let scanner = TextScanner(prose)
        if let listed = frontMatter.characters {
            entities.characters = listed.map { entry in
                let found = locate(forms: [entry.name] + entry.aliases, in: prose, scanner: scanner)
                if found.count == 0 {
                    diagnostics.append(.note(file, "character `\(entry.name)` from the front matter is not named in the text",
                                             fix: "check the spelling, or add the name the story uses under `aliases`"))
                }
                return StoryEntities.Character(name: entry.name, aliases: Array(Set(entry.aliases).subtracting([entry.name])).sorted(),
                                               mentions: found.count, firstOffset: found.offset, sentence: found.sentence)
            }
            .sorted { ($0.firstOffset, $0.name) < ($1.firstOffset, $1.name) }
        }
        if let listed = frontMatter.cities {
            entities.cities = listed.map { name in
                let city = resolve(name) ?? {
                    diagnostics.append(.warning(file, "city `\(name)` is not in the gazetteer, so its page shows no country",
                                                fix: "check the spelling, or write it as `Name, CC` with the country code"))
                    return City(id: "name:" + name, name: name)
                }()
                let forms = Array(Set([city.name, name.split(separator: ",").first.map { String($0).trimmedWhitespace } ?? name]))
                let found = locate(forms: forms, in: prose, scanner: scanner)
                return StoryEntities.CityMention(city: city, forms: forms.sorted(), mentions: found.count,
                                                 firstOffset: found.offset, sentence: found.sentence)
            }
            .sorted { ($0.firstOffset, $0.city.name) < ($1.firstOffset, $1.city.name) }
            let ids = Set(entities.cities.map(\.city.id))
            entities.places = entities.places.map { place in
                var place = place
                if let id = place.cityID, !ids.contains(id) { place.cityID = nil }
                if place.cityID == nil, entities.cities.count == 1 { place.cityID = entities.cities[0].city.id }
                return place
            }
        }
        return (entities, diagnostics)
    }

    /// "Paris", "Paris, FR" or "Paris, France": the country part picks among same-named cities.
    func resolve(_ name: String) -> City? {
        let parts = name.split(separator: ",", maxSplits: 1).map { String($0).trimmedWhitespace }
        let candidates = gazetteer.cities(named: parts[0])
        guard parts.count == 2 else { return candidates.first }
        let country = Gazetteer.key(parts[1])
        return candidates.first { Gazetteer.key($0.countryCode) == country || Gazetteer.key($0.countryName) == country }
    }

    /// Mentions of any of the forms, longest form first so "Sophie Kentaro" is one mention, not two.
    private func locate(forms: [String], in prose: String, scanner: TextScanner) -> (count: Int, offset: Int, sentence: String) {
        var taken: [Range<String.Index>] = []
        for form in forms.sorted(by: { $0.count > $1.count }) {
            for range in TextMatch.allWholeWords(form, in: prose) where !taken.contains(where: { $0.overlaps(range) }) {
                taken.append(range)
            }
        }
        guard let first = taken.min(by: { $0.lowerBound < $1.lowerBound }) else {
            return (0, prose.utf8.count, "")
        }
        let sentence = scanner.sentenceIndex(containing: first.lowerBound).map(scanner.sentenceText) ?? ""
        return (taken.count, prose.utf8.distance(from: prose.startIndex, to: first.lowerBound), sentence)
    }
}

import Foundation
