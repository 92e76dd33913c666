import Foundation
import Testing
@testable import AnthologyKit

/// A build that reuses the previous build's cache (as `anthology serve` does after each save)
/// must write exactly the bytes a clean build writes, and touch only the files that changed.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// Builds the fixture, changes it, rebuilds with the cache, and compares the output with a
    /// clean build of the changed fixture. Returns the rebuild's report.
    @discardableResult
    private func rebuildMatchesCleanBuild(_ change: (FixtureAnthology) throws -> Void,
                                          sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        var cache = BuildCache(keepsFiles: true)  // as `serve` keeps it
        _ = try Builder(options: site.options).build(cache: &cache)
        try change(site)
        let report = try Builder(options: site.options).build(cache: &cache)

        let clean = site.root.appendingPathComponent("clean")
        try site.build(output: clean)
        FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean, sourceLocation: sourceLocation)
        return report
    }

    @Test func editingAStoryRewritesOnlyThePagesThatShowIt() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("seeds/02-night-market.md") { $0 + "\nThe lanterns went out one by one.\n" }
        }
        #expect(report.changed.contains("stories/night-market/index.html"))
        // The other stories and the stylesheet are not rewritten.
        #expect(!report.changed.contains("stories/the-last-ferry/index.html"))
        #expect(!report.changed.contains("assets/style.css"))
        #expect(report.changed.count < report.pages)
        #expect(report.rendered < report.pages)
    }

    @Test func anEditThatKeepsTheLinkPlansOnlyThePagesTheStoryReaches() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("seeds/02-night-market.md") { $0 + "\nThe lanterns went out one by one.\n" }
        }
        // Its own page, the home page, the two indexes, its characters' and its city's pages.
        #expect(report.planned < report.pages)
        #expect(report.planned >= report.rendered)
        #expect(report.changed.contains("stories/night-market/index.html"))
    }

    @Test func aTitleChangedInAFailedBuildStillReachesTheNeighbours() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        var cache = BuildCache(keepsFiles: true)
        _ = try Builder(options: site.options).build(cache: &cache)
        // A new title with the same slug: the neighbours' pages show it. The build links the
        // anthology again, then fails on a broken template before rendering anything.
        let template = try Data(contentsOf: site.templates.appendingPathComponent("story.mustache"))
        try site.edit("seeds/02-night-market.md") { $0.replacingOccurrences(of: "# Night Market", with: "# Night Market!") }
        try site.write("{{#unclosed}}\n", to: "templates/story.mustache")
        #expect(throws: BuildFailure.self) { try Builder(options: site.options).build(cache: &cache) }
        // Mended, after an edit to the same story's prose alone.
        try site.write(template, to: "templates/story.mustache")
        try site.edit("seeds/02-night-market.md") { $0 + "\nThe lanterns went out one by one.\n" }
        let report = try Builder(options: site.options).build(cache: &cache)

        let clean = site.root.appendingPathComponent("clean")
        try site.build(output: clean)
        FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean)
        #expect(report.planned == report.pages)
    }

    @Test func changingOneWordDeepInAStory() throws {
        // Same length, same opening, same counts: only the story text itself differs.
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("seeds/01-the-ferry.md") { $0.replacingOccurrences(of: "wet streets", with: "dry streets") }
        }
        #expect(report.changed == ["stories/the-last-ferry/index.html"])
    }

    /// Three words more: the story's length changes, its opening and reading time do not.
    private static func lengthen(_ site: FixtureAnthology) throws {
        try site.edit("seeds/02-night-market.md") { $0 + "\nIt was late.\n" }
    }

    @Test func aLengthTheListsDoNotShowRendersOnlyTheStoryPage() throws {
        // The shipped story card shows the reading time, not the word count.
        let report = try rebuildMatchesCleanBuild(Self.lengthen)
        #expect(report.rendered == 1)
        #expect(report.changed == ["stories/night-market/index.html"])
    }

    @Test func aCardThatShowsTheWordCountIsRenderedAgain() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        try site.edit("templates/partials/story-card.mustache") {
            $0.replacingOccurrences(of: "min read", with: "min read, <span class=\"words\">{{wordCount}} words</span>")
        }
        var cache = BuildCache(keepsFiles: true)
        _ = try Builder(options: site.options).build(cache: &cache)
        let words = { (page: String) throws -> [String] in
            try site.page(page).components(separatedBy: "<span class=\"words\">").dropFirst().map { String($0.prefix { $0 != " " }) }
        }
        let before = try words("index.html")
        try Self.lengthen(site)
        let report = try Builder(options: site.options).build(cache: &cache)

        let after = try words("index.html")
        #expect(before.count == 3 && after.count == 3)
        // The second story's count, three more; the others' as they were.
        #expect(after.indices.map { Int(after[$0])! - Int(before[$0])! } == [0, 3, 0])
        #expect(report.changed.contains("index.html"))
        let clean = site.root.appendingPathComponent("clean")
        try site.build(output: clean)
        FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean)
    }

    @Test func aSaveThatChangesNothingWritesNothing() throws {
        let report = try rebuildMatchesCleanBuild { site in
            let url = site.seeds.appendingPathComponent("01-the-ferry.md")
            try site.write(try Data(contentsOf: url), to: "seeds/01-the-ferry.md")
        }
        #expect(report.changed.isEmpty)
    }

    @Test func addingAStory() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.write("""
            # Fog Horn

            Ingrid Dahl climbed the lighthouse stairs in Bergen every night. Ingrid counted them aloud.
            """, to: "seeds/04-fog-horn.md")
        }
        #expect(report.changed.contains("stories/fog-horn/index.html"))
        #expect(report.changed.contains("index.html"))
        // The story before it links to it; the other stories, and the people and places the
        // new one does not mention, are not written again.
        #expect(report.changed.contains("stories/oskar-and-freya/index.html"))
        #expect(!report.changed.contains("stories/the-last-ferry/index.html"))
        #expect(!report.changed.contains("stories/night-market/index.html"))
        #expect(!report.changed.contains("characters/tomas-reis/index.html"))
        #expect(!report.changed.contains("cities/lisbon/index.html"))
    }

    @Test func deletingAStoryRemovesItsPages() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try FileManager.default.removeItem(at: site.seeds.appendingPathComponent("02-night-market.md"))
        }
        #expect(report.changed.contains("stories/night-market/index.html"))
    }

    @Test func renamingAStory() throws {
        try rebuildMatchesCleanBuild { site in
            try FileManager.default.moveItem(at: site.seeds.appendingPathComponent("03-letters.txt"),
                                             to: site.seeds.appendingPathComponent("00-letters.txt"))
        }
    }

    @Test func changingATitleUpdatesItsNeighbours() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("seeds/01-the-ferry.md") {
                $0.replacingOccurrences(of: "title: The Last Ferry", with: "title: The Final Ferry")
            }
        }
        #expect(report.planned == report.pages)
        #expect(report.changed.contains("stories/the-final-ferry/index.html"))
        #expect(report.changed.contains("stories/the-last-ferry/index.html"))  // removed
    }

    @Test func editingATemplate() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("templates/layout.mustache") {
                $0.replacingOccurrences(of: "</body>", with: "<footer>Edited</footer>\n</body>")
            }
        }
        #expect(report.changed.filter { $0.hasSuffix(".html") }.count == report.pages)
    }

    @Test func editingTheStylesheetChangesOnlyTheStylesheet() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("templates/assets/style.css") { $0 + "\nbody { color: black; }\n" }
        }
        #expect(report.changed == ["assets/style.css"])
    }

    @Test func aSiteChangedBehindTheCacheIsRenderedAgain() throws {
        try rebuildMatchesCleanBuild { site in
            try FileManager.default.removeItem(at: site.output)
        }
    }

    @Test func aFailedBuildInBetweenLeavesTheCacheUsable() throws {
        try rebuildMatchesCleanBuild { site in
            let original = try Data(contentsOf: site.seeds.appendingPathComponent("01-the-ferry.md"))
            try site.write("---\ntitle: [unclosed\n---\nText.\n", to: "seeds/01-the-ferry.md")
            var cache = BuildCache(keepsFiles: true)
            #expect(throws: BuildFailure.self) { try Builder(options: site.options).build(cache: &cache) }
            try site.write(original + Data("\nMarta slept.\n".utf8), to: "seeds/01-the-ferry.md")
        }
    }
}
