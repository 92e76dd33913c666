import Foundation

/// What `anthology entities` prints: per story, the characters, cities and places found.
///
/// The JSON form is a documented, stable interface (see the README): keys are sorted, lists
/// are in reading order (stories) or order of first mention, and nothing depends on the machine.
public struct EntitiesReport: Codable, Sendable, Equatable {
    public struct Story: Codable, Sendable, Equatable {
        public var file: String
        public var slug: String
        public var title: String
        public var characters: [Character]
        public var cities: [CityEntry]
        public var places: [Place]
    }

    public struct Character: Codable, Sendable, Equatable {
        public var name: String
        public var slug: String
        public var aliases: [String]
        public var mentions: Int
    }

    public struct CityEntry: Codable, Sendable, Equatable {
        public var name: String
        public var slug: String
        public var country: String
    }

    public struct Place: Codable, Sendable, Equatable {
        public var name: String
        public var city: String?
    }

    public var stories: [Story]

    public init(site: Site) {
        stories = site.stories.enumerated().map { storyIndex, story in
            let characters = story.characters.map { index -> Character in
                let character = site.characters[index]
                let forms = story.characterForms[index] ?? []
                let mentions = character.appearances.first { $0.story == storyIndex }?.mentions ?? 0
                return Character(name: character.name, slug: character.slug,
                                 aliases: Array(Set(forms).subtracting([character.name])).sorted(), mentions: mentions)
            }
            let cities = story.cities.map { index in
                CityEntry(name: site.cities[index].city.name, slug: site.cities[index].slug,
                          country: site.cities[index].city.countryCode)
            }
            let cityNames = Dictionary(story.entities.cities.map { ($0.city.id, $0.city.name) }, uniquingKeysWith: { a, _ in a })
            let places = story.entities.places.map { Place(name: $0.name, city: $0.cityID.flatMap { cityNames[$0] }) }
            return Story(file: story.relativePath, slug: story.slug, title: story.title,
                         characters: characters, cities: cities, places: places)
        }
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The human-readable form, with the sentence where each name was first found.
    public static func text(site: Site, seedsDisplay: String) -> String {
        var lines: [String] = []
        for (storyIndex, story) in site.stories.enumerated() {
            let path = seedsDisplay.hasSuffix("/") ? seedsDisplay + story.relativePath : seedsDisplay + "/" + story.relativePath
            lines.append("\(path): \(story.title) (stories/\(story.slug)/)")
            if story.characters.isEmpty { lines.append("  no characters") }
            for index in story.characters {
                let character = site.characters[index]
                let forms = Set(story.characterForms[index] ?? []).subtracting([character.name]).sorted()
                let appearance = character.appearances.first { $0.story == storyIndex }
                let also = forms.isEmpty ? "" : " (also \(forms.joined(separator: ", ")))"
                lines.append("  character \(character.name)\(also), \(mentions(appearance?.mentions ?? 0))")
                if let sentence = story.entities.characters.first(where: { $0.name == character.name || $0.forms.contains(character.name) })?.sentence,
                   !sentence.isEmpty {
                    lines.append("    first found in: \(sentence)")
                }
            }
            for mention in story.entities.cities {
                let country = mention.city.countryName.isEmpty ? "" : ", \(mention.city.countryName)"
                lines.append("  city \(mention.city.name)\(country), \(mentions(mention.mentions))")
                if !mention.sentence.isEmpty { lines.append("    first found in: \(mention.sentence)") }
            }
            for place in story.entities.places {
                let city = place.cityID.flatMap { id in story.entities.cities.first { $0.city.id == id }?.city.name }
                lines.append("  place \(place.name)\(city.map { " (in \($0))" } ?? "")")
                lines.append("    first found in: \(place.sentence)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func mentions(_ count: Int) -> String {
        count == 1 ? "1 mention" : "\(count) mentions"
    }
}
