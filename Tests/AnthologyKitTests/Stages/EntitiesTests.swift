import Foundation
import Testing
@testable import AnthologyKit

@Suite("Entities report")
struct EntitiesReportTests {
    @Test func jsonHasTheDocumentedShape() throws {
        let site = try FixtureAnthology(stories: [
            "ferry.md": "Marta Vidal crossed the river to Lisbon. Marta smiled at the Alfama district.",
        ])
        defer { site.remove() }
        var report = BuildReport()
        let built = try Builder(options: site.options).analyse(report: &report)
        let json = EntitiesReport(site: built).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let story = try #require((object["stories"] as? [[String: Any]])?.first)
        #expect(story["file"] as? String == "ferry.md")
        #expect(story["slug"] as? String == "marta-and-lisbon" || story["slug"] as? String == "marta-in-lisbon")
        let character = try #require((story["characters"] as? [[String: Any]])?.first)
        #expect(character["name"] as? String == "Marta Vidal")
        #expect(character["slug"] as? String == "marta-vidal")
        #expect(character["aliases"] as? [String] == ["Marta"])
        #expect(character["mentions"] as? Int == 2)
        let city = try #require((story["cities"] as? [[String: Any]])?.first)
        #expect(city["name"] as? String == "Lisbon" && city["country"] as? String == "PT" && city["slug"] as? String == "lisbon")
        let place = try #require((story["places"] as? [[String: Any]])?.first)
        #expect(place["name"] as? String == "Alfama" && place["city"] as? String == "Lisbon")
        // Stable: the same input gives the same bytes.
        #expect(EntitiesReport(site: try Builder(options: site.options).analyse(report: &report)).json() == json)
    }

    @Test func notDropsAFalseDetection() throws {
        let site = try FixtureAnthology(stories: [
            "a.md": "---\nnot: [Victoria]\n---\nThe ship was named Victoria, and Kofi Mensah sailed her out of Accra.",
            "b.md": "The ship was named Victoria, and Ama Boateng sailed her out of Accra.",
        ])
        defer { site.remove() }
        var report = BuildReport()
        let built = try Builder(options: site.options).analyse(report: &report)
        let names = EntitiesReport(site: built).stories.map { $0.characters.map(\.name) }
        #expect(names == [["Kofi Mensah"], ["Victoria", "Ama Boateng"]])
        #expect(report.diagnostics.isEmpty)
    }
}

@Suite("Evaluate")
struct EvaluationTests {
    @Test func countsHitsMissesAndFalseHits() throws {
        let evaluation = try Evaluation.run(folder: FixtureAnthology.fixturesFolder("evaluation-mini"), display: "mini")
        #expect(evaluation.stories == 2)
        // Found: Odile Marchand, Gaston, Wendell Ashby; the gold also has Rémy Chevalier, who is not in the text.
        #expect(evaluation.characters == Evaluation.Score(found: 3, expected: 4, correct: 3))
        // Found Marseille and the most populous Perth (Australia); the gold says Perth in Scotland.
        #expect(evaluation.cities == Evaluation.Score(found: 2, expected: 2, correct: 1))
        #expect(evaluation.mistakes.map(\.name) == ["Rémy Chevalier", "Perth, GB", "Perth, AU"])
        let summary = evaluation.summary()
        #expect(summary.contains("characters: precision 1.000 (3/3)  recall 0.750 (3/4)"))
        #expect(summary.contains("cities:     precision 0.500 (1/2)  recall 0.500 (1/2)"))
    }

    @Test func aMissingGoldFileIsAnError() throws {
        let site = try FixtureAnthology(stories: ["lonely.md": "Ivo waited in Zagreb."])
        defer { site.remove() }
        #expect(throws: BuildFailure.self) { try Evaluation.run(folder: site.seeds, display: "seeds") }
    }
}
