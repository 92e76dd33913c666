import Testing
@testable import AnthologyKit

/// The detector's rules for harder cases, each on a passage written for the test.
@Suite("Detect: harder cases")
struct DetectorRulesTests {
    let detector = HeuristicDetector()

    func entities(_ prose: String) -> StoryEntities { detector.detect(in: prose) }
    func names(_ prose: String) -> [String] { entities(prose).characters.map(\.name) }

    @Test func aNicknameFromTheTableMergesIntoTheFullName() {
        let characters = entities("Margaret Hollis ran the ferry office. Everyone called her Peggy, and Peggy liked it.").characters
        #expect(characters.map(\.name) == ["Margaret Hollis"])
        #expect(characters.first?.aliases.contains("Peggy") == true)
    }

    /// The usual shape of a story: full name, then first name, then now and then a nickname.
    /// The first name and the full name are one person, so they do not make the nickname ambiguous.
    @Test func aNicknameMergesAfterTheFirstNameWasUsedToo() {
        let characters = entities("""
            Theodora Radcliffe locked the shop. Theodora walked to the quay. "Theo, wait," said Ada Brandt. \
            Theo waited. Chester Drummond was already there; Chester waved. "Over here, Chet," Theodora called.
            """).characters
        #expect(characters.map(\.name) == ["Theodora Radcliffe", "Ada Brandt", "Chester Drummond"])
        #expect(characters.first?.aliases == ["Theo", "Theodora"])
        #expect(characters.last?.aliases == ["Chester", "Chet"])
    }

    /// A short form met after the full one ("Luth" after "Luther"), the same way.
    @Test func aShortFormMergesAfterTheFirstNameWasUsedToo() {
        let characters = entities("""
            Luther Ibarra mended nets. Luther sang while he worked. "Luth, supper," said Mara Quist, and Luth came.
            """).characters
        #expect(characters.map(\.name) == ["Luther Ibarra", "Mara Quist"])
        #expect(characters.first?.aliases == ["Luth", "Luther"])
    }

    /// Two people a nickname could belong to: it stays on its own.
    @Test func aNicknameOfTwoPeopleStaysApart() {
        let names = names("""
            Theodora Radcliffe and Theodore Lund met at the quay. Theodora laughed; Theodore did not. \
            "Theo," said Ada Brandt, and both turned.
            """)
        #expect(names.contains("Theo"))
        #expect(names.contains("Theodora Radcliffe") && names.contains("Theodore Lund"))
    }

    @Test func anHonorificSuffixIsAnAlias() {
        let characters = entities("Hiroshi Tanabe bowed. The apprentices said Tanabe-san never slept.").characters
        #expect(characters.map(\.name) == ["Hiroshi Tanabe"])
        #expect(characters.first?.aliases.contains("Tanabe-san") == true)
    }

    @Test func aSurnameWithACapitalisedParticleMerges() {
        let characters = entities("Joost van Leeuwen fixed bicycles. Van Leeuwen charged nothing for tyres.").characters
        #expect(characters.map(\.name) == ["Joost van Leeuwen"])
    }

    @Test func aNameSpokenToIsAPerson() {
        #expect(names("\"Ozren, sit down,\" the teacher said.") == ["Ozren"])
    }

    @Test func ordinaryWordsAreNamesOnlyWhereTheStoryUsesThemSo() {
        #expect(names("Hope was all she had left. The rain kept falling.").isEmpty)
        #expect(names("\"Not yet,\" said Hope. She put the kettle on.") == ["Hope"])
        #expect(names("The puppy was called Pickle. She gave the ball to Pickle and waited for Pickle to bring it back.") == ["Pickle"])
    }

    @Test func festivalsCountriesContractionsAndLabelsAreNobody() {
        let prose = """
        Subject: Plans
        I’m flying to Hanoi for Tết. Don’t tell Cormac. We spent Christmas Eve in Poland, and Ramadan Kareem to all.
        """
        #expect(names(prose) == ["Cormac"])
    }

    @Test func organisationsAreNobody() {
        #expect(names("The Harbour Development Authority wrote to Agnieszka twice. Agnieszka ignored them.") == ["Agnieszka"])
    }

    @Test func aPlaceMetOnlyAfterInIsNotAPerson() {
        let found = entities("Ines rented a room in Trastevere near the river. Ines liked it there.")
        #expect(found.characters.map(\.name) == ["Ines"])
        #expect(found.places.map(\.name) == ["Trastevere"])
    }

    @Test func aCityStateIsACity() {
        #expect(entities("\"They are sending me to Singapore,\" said Haruto.").cities.map(\.city.countryCode) == ["SG"])
    }

    /// Lower-case words inside a city's name ("es", "de la") do not cut it into people.
    @Test func aCityNameWithLowerCaseWordsStaysWhole() {
        let found = entities("""
            The night train to Dar es Salaam was late again. In Dar es Salaam, nobody asked questions. \
            Wanjiru laughed at a postcard from Santa Cruz de la Sierra. In Santa Cruz de la Sierra, it rained.
            """)
        #expect(found.cities.map(\.city.name) == ["Dar es Salaam", "Santa Cruz de la Sierra"])
        #expect(found.characters.map(\.name) == ["Wanjiru"])
    }

    /// Only a whole city name carries a run through a lower-case word: "and" is in a city's
    /// name somewhere, but two people joined by it stay two.
    @Test func aJoiningWordOutsideACityNameJoinsNothing() {
        #expect(names("Anneke and Bram ran to the harbour. \"Wait,\" said Anneke. \"No,\" said Bram.") == ["Anneke", "Bram"])
    }

    @Test func theLastUnnegatedQualifierPicksTheCity() {
        let found = entities("The conference is in Perth in Scotland, not Perth in Australia. Ailsa booked the train.")
        #expect(found.cities.map(\.city.countryCode) == ["GB"])
        let region = entities("Delphine moved to Portland, Maine, in the spring.")
        #expect(region.cities.map(\.city.admin1) == ["ME"])
    }

    @Test func aCityNameThatActsIsAPerson() {
        let found = entities("Madison laughs at the joke. Later Madison made tea for everyone.")
        #expect(found.cities.isEmpty)
        #expect(found.characters.map(\.name) == ["Madison"])
    }

    @Test func aCityWithoutEvidenceIsNotGuessed() {
        // "Reading" opening a sentence is the verb; "Nice" is an adjective here.
        #expect(entities("Reading the letter again, Olwen sighed. Nice weather, she thought.").cities.isEmpty)
        #expect(entities("Olwen took the early train to Reading.").cities.map(\.city.countryCode) == ["GB"])
    }
}

/// The bundled evaluation set (Evaluation/stories) must stay at the quality the README states.
@Suite("Detect: evaluation set")
struct EvaluationSetTests {
    @Test func precisionAndRecallStayAtLeast95Percent() throws {
        let folder = FixtureAnthology.repository.appendingPathComponent("Evaluation/stories")
        let evaluation = try Evaluation.run(folder: folder, display: "Evaluation/stories")
        #expect(evaluation.stories >= 30)
        #expect(evaluation.characters.precision >= 0.95, "\(evaluation.summary())")
        #expect(evaluation.characters.recall >= 0.95, "\(evaluation.summary())")
        #expect(evaluation.cities.precision >= 0.95, "\(evaluation.summary())")
        #expect(evaluation.cities.recall >= 0.95, "\(evaluation.summary())")
    }
}
