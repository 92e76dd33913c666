/// The values of a story card (`PageContexts.storySummary`, on the home page and city pages)
/// beyond its title and address, each put in the card only when a template of the page
/// names it (`TemplateNames`).
///
/// Why: a card's value is hashed into the fingerprint of every list that shows the story, so
/// a value the templates do not show would make those lists render again for nothing. The
/// word count is the case that matters: almost every edit changes it, the shipped card does
/// not show it, and a city page can list hundreds of stories (at 10,000 stories, some 70 ms
/// of a preview's rebuild). A value left out of the context, rather than only out of the
/// fingerprint, cannot reach a page in any way, however the templates refer to the card.
struct StoryCardFields: OptionSet, Sendable, Hashable {
    let rawValue: Int

    static let number = Self(rawValue: 1 << 0)
    static let opening = Self(rawValue: 1 << 1)
    static let wordCount = Self(rawValue: 1 << 2)
    static let readingMinutes = Self(rawValue: 1 << 3)
    static let author = Self(rawValue: 1 << 4)
    static let date = Self(rawValue: 1 << 5)
    static let characters = Self(rawValue: 1 << 6)
    static let cities = Self(rawValue: 1 << 7)

    static let all: Self = [.number, .opening, .wordCount, .readingMinutes, .author, .date, .characters, .cities]

    /// Each value and the keys it fills in the card.
    static let keys: [(field: Self, keys: [String])] = [
        (.number, ["number"]), (.opening, ["opening"]), (.wordCount, ["wordCount"]),
        (.readingMinutes, ["readingMinutes"]), (.author, ["author"]), (.date, ["date", "dateISO"]),
        (.characters, ["characters"]), (.cities, ["cities"]),
    ]

    init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The values whose keys `names` holds.
    init(shownBy names: TemplateNames) {
        self = []
        for (field, keys) in Self.keys where keys.contains(where: names.contains) { insert(field) }
    }

    /// What the cards of each list hold.
    struct Lists: Sendable, Equatable {
        /// On the home page and the pages after it.
        var home: StoryCardFields
        var city: StoryCardFields

        static let all = Lists(home: .all, city: .all)
    }
}

extension StoryCardFields.Lists {
    /// `templates`: the texts of the templates by their registered names.
    init(templates: [String: String]) {
        self.init(home: StoryCardFields(shownBy: TemplateNames(rendering: "home", in: templates)),
                  city: StoryCardFields(shownBy: TemplateNames(rendering: "city", in: templates)))
    }
}
