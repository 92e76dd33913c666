/// What one story mentions: the characters, cities and other places a reader would list.
public struct StoryEntities: Sendable, Hashable, Codable {
    public struct Character: Sendable, Hashable, Codable {
        /// The name the story introduces the character by, without a title ("Sophie Kentaro").
        public var name: String
        /// Every other name the story uses for them ("Sophie", "Dr. Kentaro"), sorted.
        public var aliases: [String]
        public var mentions: Int
        /// Where the first mention starts, in UTF-8 bytes of the story's prose.
        public var firstOffset: Int
        /// The sentence that introduces them.
        public var sentence: String

        public init(name: String, aliases: [String] = [], mentions: Int, firstOffset: Int, sentence: String) {
            self.name = name
            self.aliases = aliases
            self.mentions = mentions
            self.firstOffset = firstOffset
            self.sentence = sentence
        }

        /// All the forms a reader may meet in the text.
        public var forms: [String] { [name] + aliases }
    }

    public struct CityMention: Sendable, Hashable, Codable {
        public var city: City
        /// How the story writes the name ("Sao Paulo" for São Paulo).
        public var forms: [String]
        public var mentions: Int
        public var firstOffset: Int
        public var sentence: String

        public init(city: City, forms: [String], mentions: Int, firstOffset: Int, sentence: String) {
            self.city = city
            self.forms = forms
            self.mentions = mentions
            self.firstOffset = firstOffset
            self.sentence = sentence
        }
    }

    /// A named place that is not a city: a district, a river, a street, a landmark.
    public struct Place: Sendable, Hashable, Codable {
        public var name: String
        /// The id of the city the text puts it in, when it does.
        public var cityID: String?
        public var mentions: Int
        public var sentence: String

        public init(name: String, cityID: String?, mentions: Int, sentence: String) {
            self.name = name
            self.cityID = cityID
            self.mentions = mentions
            self.sentence = sentence
        }
    }

    /// In order of first mention.
    public var characters: [Character]
    public var cities: [CityMention]
    /// Sorted by name.
    public var places: [Place]

    public init(characters: [Character] = [], cities: [CityMention] = [], places: [Place] = []) {
        self.characters = characters
        self.cities = cities
        self.places = places
    }
}
