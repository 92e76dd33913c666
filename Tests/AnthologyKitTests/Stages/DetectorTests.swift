import Testing
@testable import AnthologyKit

/// The detector on short passages written for these tests.
@Suite("Detect")
struct DetectorTests {
    let detector = HeuristicDetector()

    func names(_ prose: String) -> [String] {
        detector.detect(in: prose).characters.map(\.name)
    }

    @Test("\"St\" before a city's name is \"Saint\": the city is found, and is nobody")
    func saintWrittenShort() {
        // The gazetteer has "St Petersburg" among Saint Petersburg's names, but not "St Helier".
        let entities = detector.detect(in: "Oksana took the ferry to St Helier. The rain in St Helier never stopped, and Oksana stayed.")
        #expect(entities.cities.map(\.city.name) == ["Saint Helier"])
        #expect(entities.characters.map(\.name) == ["Oksana"])
    }

    @Test func sentenceInitialCapitalsAreNobody() {
        let prose = "Despite the rain, Amira walked home. Their street was quiet. Afterwards she slept. Amira woke at noon."
        #expect(names(prose) == ["Amira"])
    }

    @Test func firstNameAndPossessiveMergeIntoTheFullName() {
        let prose = "Jonas Ekberg ran the bakery. Everyone loved Jonas's bread, and Jonas knew it."
        let character = detector.detect(in: prose).characters
        #expect(character.map(\.name) == ["Jonas Ekberg"])
        #expect(character.first?.aliases == ["Jonas"])
        #expect(character.first?.mentions == 3)
        #expect(character.first?.sentence == "Jonas Ekberg ran the bakery.")
    }

    @Test func curlyPossessiveFolds() {
        #expect(names("The coat was Priya’s. Later Priya wore it.") == ["Priya"])
    }

    @Test func aSurnameAloneMergesIntoTheOnlyFullNameEndingWithIt() {
        let characters = detector.detect(in: "Ruth Okafor signed the lease. The landlord shook hands with Okafor.").characters
        #expect(characters.map(\.name) == ["Ruth Okafor"])
        #expect(characters.first?.aliases == ["Okafor"])
    }

    @Test func aTitleIsAnAliasNotPartOfTheName() {
        let characters = detector.detect(in: "The clinic belonged to Dr. Hana Sato. Patients trusted Dr. Sato completely.").characters
        #expect(characters.map(\.name) == ["Hana Sato"])
        #expect(characters.first?.aliases.contains("Dr. Sato") == true)
    }

    @Test func nameParticlesStayInTheName() {
        #expect(names("They waited for Pieter van Dijk at the station. Nobody else came.") == ["Pieter van Dijk"])
    }

    @Test func placesAreNotCharacters() {
        let entities = detector.detect(in: "We walked along the Vltava River in Prague and sat on the Charles Bridge. Later we crossed Wenceslas Square.")
        #expect(entities.characters.isEmpty)
        #expect(entities.cities.map(\.city.name) == ["Prague"])
        #expect(entities.places.map(\.name) == ["Charles Bridge", "Vltava River", "Wenceslas Square"])
        #expect(entities.places.allSatisfy { $0.cityID == entities.cities.first?.city.id })
    }

    @Test func aDistrictNamedBeforeItsNounIsAPlaceInTheCity() {
        let entities = detector.detect(in: "Camille rented a room in the Marais quarter of Paris.")
        #expect(entities.places.map(\.name) == ["Marais"])
        #expect(entities.cities.map(\.city.countryCode) == ["FR"])
        #expect(entities.characters.map(\.name) == ["Camille"])
    }

    @Test func aCityNameUsedForAPersonIsAPerson() {
        let entities = detector.detect(in: "At the office a clerk named Florence stamped my papers. Florence smiled at me.")
        #expect(entities.cities.isEmpty)
        #expect(entities.characters.map(\.name) == ["Florence"])
    }

    @Test func aCityNameInsideAFullNameIsAPerson() {
        let entities = detector.detect(in: "Sydney Brooks opened the gallery. Sydney hung every painting herself.")
        #expect(entities.cities.isEmpty)
        #expect(entities.characters.map(\.name) == ["Sydney Brooks"])
    }

    @Test func citiesWithPossessivesAndAccentsAreFound() {
        let entities = detector.detect(in: "The train from Sao Paulo arrived late. Lagos's traffic was worse.")
        #expect(entities.cities.map(\.city.name) == ["São Paulo", "Lagos"])
        #expect(entities.cities.first?.forms == ["Sao Paulo"])
    }

    @Test func daysMonthsAndPronounsAreNobody() {
        #expect(names("On Monday she called. In March, I wrote back to Tariq.") == ["Tariq"])
    }

    @Test func aSharedSurnameDoesNotMergeTwoPeople() {
        let characters = detector.detect(in: "Anna Berg and Lars Berg argued. Anna left first.").characters
        #expect(characters.map(\.name) == ["Anna Berg", "Lars Berg"])
    }

    @Test func wordsAfterAnOpeningQuoteAreNotNames() {
        #expect(names("“Wait,” said Mateo. “Someone is at the door.”") == ["Mateo"])
    }
}

@Suite("Detect: text scanner")
struct TextScannerTests {
    @Test func splitsSentencesButNotAtTitlesOrInitials() {
        let scanner = TextScanner("Mr. Tan met J. R. Hale. They spoke. P.S. Write soon!")
        #expect((0..<scanner.sentences.count).map(scanner.sentenceText).filter { !$0.isEmpty } == ["Mr. Tan met J. R. Hale.", "They spoke.", "P.S.", "Write soon!"])
    }

    @Test func marksSentenceInitialWordsAndPossessives() {
        let scanner = TextScanner("Kemal’s dog barked. \"Quiet,\" said Kemal.")
        let words = scanner.words
        #expect(words[0].text == "Kemal" && words[0].isPossessive && words[0].isSentenceInitial)
        #expect(words.first { $0.text == "Quiet" }?.isSentenceInitial == true)
        #expect(words.last?.isSentenceInitial == false)
    }
}

@Suite("Detect: gazetteer")
struct GazetteerTests {
    @Test func findsCitiesByNameIgnoringAccentsAndCase() {
        let gazetteer = Gazetteer.bundled
        #expect(gazetteer.city(named: "Tokyo")?.countryName == "Japan")
        #expect(gazetteer.city(named: "sao paulo")?.name == "São Paulo")
        #expect(gazetteer.city(named: "Bombay")?.name == "Mumbai")
    }

    @Test func prefersTheMostPopulousOfSameNamedCities() {
        #expect(Gazetteer.bundled.city(named: "London")?.countryCode == "GB")
        #expect(Gazetteer.bundled.city(named: "Paris")?.countryCode == "FR")
    }

    @Test func readsItsOwnFormatAndLeavesOutSectionsOfCities() {
        // GeoNames lists city sections (PPLX), such as Tokyo's neighbourhoods; the bundled data leaves them out.
        let tsv = """
        1\tOldtown\tOldtown\tXX\tNowhere\t01\t0\t0\t20000\t
        """
        #expect(Gazetteer(tsv: tsv).city(named: "Oldtown")?.population == 20000)
        #expect(Gazetteer.bundled.city(named: "Shimokitazawa") == nil)
    }
}

@Suite("Detect: front matter corrections")
struct CorrectionTests {
    @Test func frontMatterListsReplaceDetection() {
        var frontMatter = FrontMatter()
        frontMatter.characters = [.init(name: "The Fox", aliases: ["Fox"])]
        frontMatter.cities = ["Porto"]
        let prose = "Fox crept past the henhouse. Nobody in Porto saw the Fox."
        let detected = HeuristicDetector().detect(in: prose)
        let (entities, diagnostics) = EntityCorrections().apply(frontMatter, to: detected, prose: prose, file: "fox.md")
        #expect(entities.characters.map(\.name) == ["The Fox"])
        #expect(entities.characters.first?.mentions == 2)
        #expect(entities.cities.map(\.city.countryCode) == ["PT"])
        #expect(diagnostics.isEmpty)
    }

    @Test func aCountryPicksAmongSameNamedCities() {
        let corrections = EntityCorrections()
        #expect(corrections.resolve("London, CA")?.countryName == "Canada")
        #expect(corrections.resolve("London")?.countryCode == "GB")
    }

    @Test func aCityMissingFromTheGazetteerIsKeptWithAWarning() {
        var frontMatter = FrontMatter()
        frontMatter.cities = ["Eldoria"]
        let (entities, diagnostics) = EntityCorrections().apply(frontMatter, to: StoryEntities(), prose: "Eldoria sank.", file: "a.md")
        #expect(entities.cities.map(\.city.name) == ["Eldoria"])
        #expect(diagnostics.map(\.severity) == [.warning])
    }
}

@Suite("Detect: text scanner ranges")
struct TextScannerRangeTests {
    /// The scanner reads the text's bytes; the ranges it gives must still cut the text exactly
    /// where its words and sentences are, whatever their scripts, accents and apostrophes.
    @Test func rangesCutTheTextAtItsWordsAndSentences() {
        let text = "Łukasz’s café—in Kraków. «Zoe\u{308}» said: “Ana!” Then the Joneses' O'Brien left.\r\n\r\n東京 waited…"
        let scanner = TextScanner(text)
        #expect(scanner.words.map { String(text[$0.range]) } == [
            "Łukasz’s", "café", "in", "Kraków", "Zoe\u{308}", "said", "Ana", "Then", "the", "Joneses'", "O'Brien", "left",
            "東京", "waited",
        ])
        #expect(scanner.words.map(\.text)[0] == "Łukasz" && scanner.words[0].isPossessive)
        #expect(scanner.words[9].text == "Joneses" && scanner.words[9].isPossessive)
        #expect(scanner.words.filter(\.isSentenceInitial).map(\.text) == ["Łukasz", "Zoe\u{308}", "Ana", "Then", "東京"])
        #expect((0..<scanner.sentences.count).map(scanner.sentenceText).filter { !$0.isEmpty } == [
            "Łukasz’s café—in Kraków.", "«Zoe\u{308}» said: “Ana!”", "Then the Joneses' O'Brien left.", "東京 waited…",
        ])
    }
}
