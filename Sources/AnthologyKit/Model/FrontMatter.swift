/// The optional YAML block at the top of a story; every field may be absent.
public struct FrontMatter: Sendable, Hashable, Codable {
    /// A character named in front matter, with the other names the story uses for them.
    public struct CharacterEntry: Sendable, Hashable, Codable {
        public var name: String
        public var aliases: [String]

        public init(name: String, aliases: [String] = []) {
            self.name = name
            self.aliases = aliases
        }
    }

    public var title: String?
    public var date: StoryDate?
    public var author: String?
    public var summary: String?
    public var characters: [CharacterEntry]?
    public var cities: [String]?
    /// Names detection found that are not characters, cities or places ("Mercy", "Reading").
    public var not: [String] = []
    public var draft: Bool = false
    public var order: Int?

    public init() {}
}

/// A calendar day (`2024-03-01`); stories carry no time of day, and keeping it out
/// keeps the output independent of the machine's time zone.
public struct StoryDate: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...StoryDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, optionally followed by a time, which is ignored.
    public init?(parsing text: String) {
        let datePart = text.prefix { $0 != "T" && $0 != " " }
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: StoryDate, rhs: StoryDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2024-03-01`, for `datetime` attributes.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `1 March 2024`: unambiguous in every English-speaking country.
    public var readable: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
