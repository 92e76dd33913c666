import Foundation
import Testing
@testable import AnthologyKit

/// Parse and detect take the stories a batch at a time (`Builder.batchSize`), so that only
/// one batch's prose is in memory at once; what the build makes must not show the seams.
@Suite("Parse and detect in batches")
struct BatchTests {
    @Test("Batches keep every story, in order, none larger than the batch size")
    func batches() {
        let items = Array(0..<(2 * Builder.batchSize + 76))
        let batches = Builder.batches(of: items)
        #expect(batches.map(\.count) == [Builder.batchSize, Builder.batchSize, 76])
        #expect(batches.flatMap { $0 } == items)
        #expect(Builder.batches(of: [Int]()).isEmpty)
    }

    @Test("A build of more stories than a batch finds every story, and an error in a later batch")
    func buildAcrossBatches() throws {
        let count = Builder.batchSize + 40
        var stories: [String: String] = [:]
        for number in 1...count {
            stories[String(format: "%04d.md", number)] = "---\ntitle: Crossing \(number)\n---\nOskar Lindqvist took the night train to Lisbon. Oskar slept.\n"
        }
        // The last story but one is in the second batch.
        stories[String(format: "%04d.md", count - 1)] = "---\ntitle: Unfinished\nIt rained.\n"
        let site = try FixtureAnthology(stories: stories)
        defer { site.remove() }

        let problems = site.failure()
        #expect(problems.count == 1)
        #expect(problems.first?.file.hasSuffix("/" + String(format: "%04d.md", count - 1)) == true)
        #expect(!site.exists("index.html"))

        try site.write("---\ntitle: Finished\n---\nOskar Lindqvist took the night train to Lisbon. Oskar slept.\n",
                       to: "seeds/" + String(format: "%04d.md", count - 1))
        let report = try site.build()
        #expect(report.stories == count)
        #expect(report.characters == 1 && report.cities == 1)
        let character = try site.page("characters/oskar-lindqvist/index.html")
        #expect(character.contains("In \(count) stories"))
        #expect(character.contains("Finished") && character.contains("Crossing 1<") && character.contains("Crossing \(count)<"))
    }
}
