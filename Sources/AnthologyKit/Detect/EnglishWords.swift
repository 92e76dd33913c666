/// Closed classes of English words the detector needs. These are grammar, not names:
/// none of them is drawn from any particular story.
enum EnglishWords {
    /// Pronouns, determiners, conjunctions, prepositions, auxiliaries and sentence adverbs:
    /// capitalised only because they open a sentence, never a character or a city.
    static let functionWords: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "i", "me", "my", "mine", "myself", "you", "your",
        "yours", "yourself", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves",
        "and", "but", "or", "nor", "so", "yet", "for", "if", "when", "whenever", "while", "as", "because",
        "although", "though", "since", "until", "unless", "after", "before", "once", "whether",
        "in", "on", "at", "to", "from", "by", "with", "without", "within", "of", "off", "over", "under",
        "into", "onto", "upon", "through", "throughout", "across", "despite", "between", "among", "around",
        "about", "above", "below", "behind", "beyond", "beside", "besides", "near", "against", "along",
        "toward", "towards", "during", "inside", "outside", "past", "per", "via", "like", "unlike",
        "then", "now", "there", "here", "where", "what", "who", "whom", "whose", "which", "why", "how",
        "yes", "no", "not", "oh", "ah", "maybe", "perhaps", "still", "even", "just", "only", "also",
        "some", "any", "every", "each", "all", "both", "either", "neither", "such", "no one", "nobody",
        "someone", "somebody", "everyone", "everybody", "nothing", "something", "everything", "anything",
        "is", "was", "were", "are", "be", "been", "being", "am", "do", "did", "does", "done", "had", "has",
        "have", "having", "can", "could", "would", "should", "must", "might", "shall",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "last",
        "next", "later", "soon", "again", "never", "always", "often", "sometimes", "together", "instead",
        "meanwhile", "however", "suddenly", "finally", "slowly", "please", "thank", "thanks",
        "hello", "hi", "hey", "goodbye", "well", "okay", "ok", "sir", "madam", "mom", "mum", "dad",
        "yesterday", "today", "tonight", "tomorrow", "afterwards", "afterward", "somewhere", "everywhere",
        "anywhere", "nowhere", "otherwise", "therefore", "thus", "hence", "indeed", "anyway", "already",
        "almost", "else", "enough", "rather", "quite", "very", "too", "ever", "far", "back", "up", "down",
        "out", "away", "dear", "sincerely", "love", "welcome", "sorry",
        // Interjections.
        "hm", "hmm", "mm", "mmm", "mhm", "uh", "um", "er", "erm", "eh", "ha", "huh", "shh", "psst", "ooh", "aah",
        "wow", "yay", "ugh", "argh", "ouch", "oops", "whoa", "yeah", "yep", "nope", "nah", "aha", "bah", "pfft",
    ]

    /// Days and months: capitalised in mid-sentence, and still not characters.
    static let calendarWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// Nationalities, languages, religions, holidays and other capitalised words that are never
    /// a character: "the Brazilian", "in Spanish", "at Christmas".
    static let properAdjectives: Set<String> = [
        "afghan", "african", "albanian", "algerian", "american", "angolan", "arab", "arabic", "argentine",
        "argentinian", "armenian", "asian", "australian", "austrian", "azerbaijani", "bangladeshi", "basque",
        "belarusian", "belgian", "bengali", "bolivian", "bosnian", "brazilian", "british", "bulgarian",
        "burmese", "cambodian", "cameroonian", "canadian", "cantonese", "catalan", "chilean", "chinese",
        "colombian", "congolese", "croatian", "cuban", "czech", "danish", "dutch", "ecuadorian", "egyptian",
        "english", "eritrean", "estonian", "ethiopian", "european", "filipino", "finnish", "flemish", "french",
        "georgian", "german", "ghanaian", "greek", "guatemalan", "gujarati", "haitian", "hausa", "hebrew",
        "hindi", "honduran", "hungarian", "icelandic", "igbo", "indian", "indonesian", "iranian", "iraqi",
        "irish", "israeli", "italian", "ivorian", "jamaican", "japanese", "javanese", "jordanian", "kazakh",
        "kenyan", "khmer", "korean", "kurdish", "kuwaiti", "lao", "latin", "latvian", "lebanese", "libyan",
        "lithuanian", "malagasy", "malay", "malaysian", "malian", "maltese", "mandarin", "maori", "marathi",
        "mexican", "moldovan", "mongolian", "moroccan", "mozambican", "namibian", "nepalese", "nepali",
        "nicaraguan", "nigerian", "norwegian", "pakistani", "palestinian", "panamanian", "paraguayan",
        "persian", "peruvian", "polish", "portuguese", "punjabi", "romanian", "russian", "rwandan", "samoan",
        "saudi", "scottish", "senegalese", "serbian", "sinhalese", "slovak", "slovenian", "somali",
        "spanish", "sudanese", "swahili", "swedish", "swiss", "syrian", "tagalog", "taiwanese", "tamil",
        "tanzanian", "telugu", "thai", "tibetan", "tongan", "tunisian", "turkish", "ugandan", "ukrainian",
        "urdu", "uruguayan", "uzbek", "venezuelan", "vietnamese", "welsh", "yemeni", "yoruba", "zambian",
        "zimbabwean", "zulu", "christian", "catholic", "protestant", "orthodox", "muslim", "islamic", "jewish",
        "hindu", "buddhist", "sikh", "christmas", "easter", "ramadan", "eid", "diwali", "hanukkah", "passover",
        "thanksgiving", "halloween", "lent", "advent", "sabbath", "god", "allah", "bible", "koran", "quran",
        "torah", "internet", "earth", "heaven", "hell", "mass", "olympics", "western", "eastern", "northern",
        "southern", "tết", "tet", "chuseok", "seollal", "nowruz", "kwanzaa", "vesak", "holi", "navratri", "pongal",
        "onam", "songkran", "raya", "lunar", "iftar", "suhoor", "shabbat", "purim",
        "yom", "kippur", "rosh", "hashanah", "carnival", "carnaval", "fiesta", "semana", "santa", "jueves", "viernes",
    ]

    /// A capitalised run ending in one of these is an organisation: not a character, a city or a place.
    static let organisationSuffixes: Set<String> = [
        "police", "council", "ministry", "department", "company", "bank", "corporation", "inc", "ltd", "plc",
        "club", "committee", "society", "party", "army", "navy", "agency", "office", "bureau", "institute",
        "foundation", "association", "union", "federation", "authority", "commission", "service", "services",
        "group", "press", "times", "post", "news", "airlines", "airways", "railway", "railways", "fc", "united",
        "affairs", "resources", "sales", "marketing", "accounts", "relations", "officer", "team",
    ]

    /// Titles written before a name. They are kept as part of an alias ("Dr. Okafor")
    /// but never form a character on their own.
    static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "mx", "miss", "dr", "doctor", "prof", "professor", "sir", "dame", "lady", "lord",
        "captain", "capt", "colonel", "col", "general", "gen", "lieutenant", "lt", "sergeant", "sgt",
        "detective", "det", "inspector", "insp", "officer", "judge", "father", "fr", "sister", "brother",
        "reverend", "rev", "rabbi", "imam", "aunt", "auntie", "uncle", "grandma", "grandpa", "madame",
        "monsieur", "mademoiselle", "señor", "señora", "señorita", "herr", "frau", "senhor", "senhora",
        "president", "senator", "governor", "mayor", "king", "queen", "prince", "princess", "saint", "st",
        // Kinship and respect terms used before a name, in English and the languages stories borrow from.
        "mama", "mam", "maman", "mamá", "papa", "papá", "baba", "babcia", "dziadek", "nana", "granny", "gran",
        "grandmother", "grandfather", "abuela", "abuelo", "tía", "tío", "tia", "tio", "nonna", "nonno", "oma",
        "opa", "oga", "mzee", "bà", "ông", "cô", "chú", "doña", "dona", "sheikh", "hajji", "haji",
        "umm", "abu", "teta", "ammu", "ustad", "swami", "pastor", "deacon", "elder", "coach", "nurse", "chef",
        "madam", "ma'am", "lolo", "lola", "tita", "tito", "mother", "mum", "mom", "mommy", "mummy", "daddy",
    ]

    /// Honorifics written after a name with a hyphen: "Watanabe-san".
    static let honorificSuffixes = ["san", "sama", "kun", "chan", "sensei", "senpai", "ji", "jan", "ssi", "nim"]

    /// Nouns before a name that make it a person: "my friend Victoria", "her roommate Austin".
    static let relationNouns: Set<String> = [
        "friend", "roommate", "flatmate", "housemate", "sister", "brother", "mother", "father", "aunt", "uncle",
        "cousin", "wife", "husband", "son", "daughter", "niece", "nephew", "boss", "colleague", "neighbour",
        "neighbor", "girlfriend", "boyfriend", "partner", "fiancé", "fiancée", "teacher", "student", "landlord",
        "landlady", "doctor", "nurse", "grandson", "granddaughter", "stepmother", "stepfather", "sweetheart",
        "classmate", "teammate", "coach", "mentor", "client", "patient", "assistant", "captain", "lover",
        // Animals with names are characters too: "the cat Shachō", "her dog Biscuit".
        "cat", "dog", "kitten", "puppy", "parrot", "horse", "pony", "tortoise", "turtle", "goat", "bird",
        "cockatoo", "beagle", "terrier", "hound", "rabbit", "hamster", "donkey", "mare", "stallion",
    ]

    /// Lower-case nouns after a city's name (possessive or as a modifier) that show it is a place:
    /// "Lagos's traffic", "the Tokyo skyline".
    static let cityNouns: Set<String> = [
        "streets", "street", "traffic", "skyline", "suburbs", "outskirts", "airport", "harbour", "harbor",
        "port", "docks", "metro", "subway", "trains", "buses", "markets", "market", "nightlife", "rooftops",
        "alleys", "avenues", "boulevards", "neighbourhoods", "neighborhoods", "districts", "art", "music",
        "winter", "summer", "heat", "rain", "fog", "smog", "air", "lights", "mayor", "council", "police",
        "station", "hospitals", "university", "cafés", "cafes", "bars", "restaurants", "crowds", "skies",
        "population", "centre", "center", "downtown", "old", "oldest", "finest", "best", "busiest", "tallest",
        "river", "waterfront", "bay", "beaches", "hills", "parks", "squares", "bridges", "canals", "slums",
        "townships", "quarters", "scene",
    ]

    /// Prepositions that introduce where, never whom: "a flat in Kazimierz", "out of Shinjuku".
    static let strictLocatives: Set<String> = [
        "in", "inside", "into", "onto", "near", "across", "through", "around", "outside", "toward", "towards",
        "along", "between", "within", "throughout", "beyond", "downtown", "uptown",
    ]

    /// Parts of the world that are not countries in the gazetteer's list.
    static let worldRegions: Set<String> = [
        "Africa", "Asia", "Europe", "Antarctica", "Oceania", "America", "Americas", "Arctic", "Caribbean",
        "Scandinavia", "Balkans", "Middle East", "Gulf", "Pacific", "Atlantic", "Mediterranean", "Sahara",
        "Himalayas", "Britain", "Great Britain", "Holland", "Siberia", "Patagonia", "Anatolia", "Levant",
        "Latin America", "North America", "South America", "Central America", "Southeast Asia", "Far East",
        "Near East", "Maghreb", "Sahel", "Prairies", "Outback", "Highlands", "Lowlands", "Midlands",
        "Riviera", "Tropics", "Orient", "Occident", "West", "East", "North", "South",
    ]

    static let compassWords: Set<String> = [
        "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
        "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater",
    ]

    /// "I’m", "don’t", "you’ll": a capital in a contraction is the sentence's, not a name's.
    static func isContraction(_ lower: String) -> Bool {
        // Every form below has an apostrophe; most words have none and skip Foundation's replacement.
        guard lower.unicodeScalars.contains(where: { $0 == "'" || $0 == "\u{2019}" }) else { return false }
        let normalized = lower.replacingOccurrences(of: "\u{2019}", with: "'")
        return ["n't", "'m", "'ve", "'ll", "'re", "'d"].contains { normalized.hasSuffix($0) }
            || ["i'm", "i'd", "it's", "that's", "there's", "here's", "what's", "let's", "he's", "she's", "who's",
                "where's", "how's"].contains(normalized)
    }

    /// Lower-case words that may join a name: "Ludwig van Beethoven", "Rio de Janeiro".
    static let nameParticles: Set<String> = [
        "de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du",
        "bin", "binti", "ibn", "al", "el", "ten", "ter", "y", "zu",
    ]

    /// A capitalised name ending in one of these is a place, not a person or a city:
    /// "Sumida River", "Baker Street", "Central Park".
    static let placeSuffixes: Set<String> = [
        "river", "street", "st", "road", "rd", "avenue", "ave", "boulevard", "lane", "alley", "square",
        "plaza", "park", "gardens", "garden", "bridge", "station", "market", "temple", "shrine", "church",
        "cathedral", "mosque", "tower", "palace", "castle", "museum", "gallery", "lake", "mountain",
        "mountains", "hill", "hills", "valley", "bay", "beach", "coast", "island", "islands", "harbour",
        "harbor", "port", "pier", "canal", "falls", "forest", "desert", "sea", "ocean", "district",
        "quarter", "ward", "airport", "cemetery", "stadium", "university", "college", "school", "hospital",
        "hotel", "cafe", "café", "bar", "restaurant", "library", "theatre", "theater", "building",
        "heights", "village", "creek", "canyon", "peak", "cape", "gate", "wharf", "quay", "embankment",
        "drive", "crescent", "terrace", "prospect", "highway", "motorway", "mall", "barracks", "prison", "zoo",
        "centre", "center",
    ]

    /// Endings that languages write into a place's name: Icelandic *-kirkja* (church), Turkish
    /// *-köy* (village) and *-mahallesi* (quarter), Dutch and German *-straat*/*-straße*, ...
    static let placeWordEndings: [String] = [
        "kirkja", "köy", "mahallesi", "straat", "straße", "strasse", "gracht", "plein", "platz", "gasse",
        "vej", "gatan", "gata", "torget", "katu", "utca", "caddesi", "sokak", "dong-gil", "-ro", "-gil",
    ]

    /// A capitalised name starting with one of these is a place: "Rua Augusta", "Lake Biwa".
    static let placePrefixes: Set<String> = [
        "rua", "rue", "via", "calle", "avenida", "avenue", "piazza", "plaza", "praça", "platz", "mount", "lake",
        "fort", "port", "cape", "isla", "isle", "place", "boulevard", "strada", "ulica", "jalan", "wadi", "mont",
        "san", "santa", "são", "vila", "villa", "jabal", "jebel", "promenade", "bahnhof", "gare", "quai", "pont",
        "parque", "paseo", "praia", "plage", "river", "loch", "glen", "hotel", "museo", "musée", "château",
    ]

    /// Lower-case nouns that, right after a capitalised name, make it a place inside a city:
    /// "the Shimokitazawa district", "the Marais quarter".
    static let placeNouns: Set<String> = [
        "district", "neighborhood", "neighbourhood", "quarter", "ward", "borough", "suburb", "area",
        "river", "street", "road", "avenue", "market", "station", "park", "square", "bridge", "temple",
        "shrine", "island", "lake", "beach", "hill", "valley", "canal", "harbour", "harbor", "district's",
        "airport", "airfield", "terminal", "stadium", "campus", "estate", "township", "barrio", "suburbs",
    ]

    /// Words before a name that make it a place: "in Lisbon", "from Tokyo", "to Cairo".
    static let locativePrepositions: Set<String> = [
        "in", "at", "to", "from", "of", "near", "into", "across", "around", "through", "toward", "towards",
        "outside", "inside", "via", "leaving", "left", "visited", "visiting", "reached", "downtown", "between",
        "onto", "beyond", "throughout", "within", "uptown", "flew", "moved", "returned", "arrived",
    ]

    /// Words before a name that make it a person: "a musician named Kai".
    static let namingWords: Set<String> = ["named", "called", "nicknamed", "christened", "dubbed"]

    /// Auxiliaries and copulas after a subject: "Biscuit does not", "Austin is an actuary".
    static let auxiliaries: Set<String> = [
        "is", "was", "has", "had", "does", "did", "will", "would", "could", "can", "should", "might", "must",
        "isn't", "wasn't", "hasn't", "hadn't", "doesn't", "didn't", "won't", "wouldn't", "couldn't", "can't",
        "isn’t", "wasn’t", "hasn’t", "hadn’t", "doesn’t", "didn’t", "won’t", "wouldn’t", "couldn’t", "can’t",
        "always", "never", "still", "just", "also", "finally", "suddenly", "often", "herself", "himself",
    ]

    /// Verbs and prepositions before a person as their object: "met Kai", "told Leah", "with Tomás".
    static let objectVerbs: Set<String> = [
        "met", "meet", "meets", "saw", "see", "sees", "told", "tell", "tells", "asked", "ask", "asks", "thanked",
        "hugged", "kissed", "helped", "married", "loved", "love", "called", "phoned", "texted", "emailed",
        "greeted", "invited", "joined", "introduced", "trusted", "with", "beside", "dear", "hi", "hello",
        "thanks", "thank", "missed", "miss", "watched", "followed", "found", "hired", "fired", "paid",
        "to", "for",
    ]

    /// Verbs of speech, which put the speaker's name after them in a dialogue tag: "said Hope".
    static let speechVerbs: Set<String> = [
        "said", "asked", "replied", "answered", "whispered", "shouted", "yelled", "cried", "called", "muttered",
        "murmured", "added", "continued", "insisted", "snapped", "laughed", "sighed", "admitted", "explained",
        "says", "asks", "replies", "answers", "whispers", "shouts", "laughs", "sighs", "adds", "wrote", "writes",
    ]

    /// Verbs whose subject is a person: "Kai returned", "Leah said".
    static let personVerbs: Set<String> = [
        "said", "says", "asked", "asks", "replied", "answered", "whispered", "shouted", "yelled", "cried",
        "called", "smiled", "smiles", "laughed", "laughs", "nodded", "nods", "looks", "thinks", "knows",
        "wants", "tells", "told", "wrote", "writes", "sighs", "shrugs", "grins", "frowns", "whispers", "shouts", "sighed", "frowned", "grinned", "shrugged",
        "thought", "felt", "knew", "wanted", "returned", "began", "found", "turned", "looked", "walked",
        "ran", "learned", "learnt", "saw", "met", "sang", "painted", "stumbled", "watched",
        "listened", "remembered", "decided", "realized", "realised", "wondered", "hesitated", "paused",
        "waited", "stood", "sat", "opened", "closed", "picked", "took", "gave", "held", "reached",
        "hugged", "kissed", "married", "died", "woke", "slept", "ate", "drank", "cooked", "played",
        "danced", "tried", "hoped", "loved", "hated", "feared", "agreed", "explained", "admitted", "made",
        "makes", "begins", "learns", "decides", "waits", "waves", "waved", "eats",
        "murmured", "muttered", "breathed", "glanced", "stared", "winked", "blinked", "wept", "screamed",
    ]

    static func isFunctionWord(_ word: String) -> Bool {
        functionWords.contains(word.lowercased())
    }
}
