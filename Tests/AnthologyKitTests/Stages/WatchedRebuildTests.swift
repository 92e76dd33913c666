import Foundation
import Testing
@testable import AnthologyKit

/// `serve`'s rebuilds after its watcher reported a save: only the stories it names are read
/// again, what the last build gathered from the others is updated rather than gathered again
/// (`AnalysisTally`), and the last link is patched in place. The pages written and the
/// problems reported must be those of a clean build, save after save.
@Suite("Rebuilds after a watcher's report")
struct WatchedRebuildTests {
    /// The harbour-lights fixture with a cache that has a watch, as `serve` keeps it.
    private struct Preview {
        let site: FixtureAnthology
        var cache = BuildCache(keepsFiles: true)

        init() throws {
            site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
            cache.watch = SeedsWatch(seeds: site.seeds.standardizedFileURL.path)
            _ = try Builder(options: site.options).build(cache: &cache)
        }

        /// Rewrites a story as `change` makes it, reports it as the watcher would, and rebuilds.
        mutating func save(_ story: String, _ change: (String) -> String) throws -> BuildReport {
            try site.edit("seeds/" + story, change)
            return try rebuild(after: story)
        }

        /// Reports a story file as the watcher would (written, created or deleted), and rebuilds.
        mutating func rebuild(after story: String) throws -> BuildReport {
            cache.watch?.record([site.seeds.appendingPathComponent(story).standardizedFileURL.path], complete: true)
            return try Builder(options: site.options).build(cache: &cache)
        }

        /// Records an issue for every file, and every problem reported, that differs from a
        /// clean build of the stories as they are now.
        func expectCleanBuild(_ report: BuildReport, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
            let cleanReport = try site.build(output: clean)
            FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean, sourceLocation: sourceLocation)
            #expect(report.diagnostics == cleanReport.diagnostics, sourceLocation: sourceLocation)
            #expect(report.drafts == cleanReport.drafts, sourceLocation: sourceLocation)
        }
    }

    private static let story = "02-night-market.md"
    private static let storyPage = "stories/night-market/index.html"

    @Test("Save after save to the prose, each page shows the latest text")
    func proseEdits() throws {
        var preview = try Preview()
        defer { preview.site.remove() }
        for (story, sentence) in [(Self.story, "The lanterns went out one by one."),
                                  ("01-the-ferry.md", "Marta slept on the crossing home."),
                                  (Self.story, "Inês counted the moons she had left.")] {
            let report = try preview.save(story) { $0 + "\n\(sentence)\n" }
            try preview.expectCleanBuild(report)
            #expect(report.rendered < report.pages)
        }
        #expect(try preview.site.page(Self.storyPage).contains("Inês counted the moons she had left."))
        #expect(try preview.site.page(Self.storyPage).contains("The lanterns went out one by one."))
    }

    /// A front matter line and what the build says of it: a parse warning, then a note of
    /// detection's corrections.
    static let problemLines = [
        ("moood: calm", "unknown front matter key `moood` is ignored"),
        ("not: [Zebediah]", "`not: Zebediah` matches nothing that was detected"),
    ]

    @Test("A problem a save brings is reported, and gone once the story is mended", arguments: problemLines)
    func problemComesAndGoes(line: String, message: String) throws {
        var preview = try Preview()
        defer { preview.site.remove() }
        let author = "author: M. Quill\n"
        let broken = try preview.save("01-the-ferry.md") { $0.replacingOccurrences(of: author, with: author + line + "\n") }
        try preview.expectCleanBuild(broken)
        #expect(broken.diagnostics.contains { $0.message.contains(message) })

        let mended = try preview.save("01-the-ferry.md") { $0.replacingOccurrences(of: line + "\n", with: "") }
        try preview.expectCleanBuild(mended)
        #expect(!mended.diagnostics.contains { $0.message.contains(message) })
    }

    @Test("A story made a draft leaves the site, and comes back when published again")
    func draftAndBack() throws {
        var preview = try Preview()
        defer { preview.site.remove() }
        let drafted = try preview.save(Self.story) { "---\ndraft: true\n---\n" + $0 }
        try preview.expectCleanBuild(drafted)
        #expect(drafted.drafts == 1)
        #expect(!preview.site.exists(Self.storyPage))

        let published = try preview.save(Self.story) { $0.replacingOccurrences(of: "---\ndraft: true\n---\n", with: "") }
        try preview.expectCleanBuild(published)
        #expect(published.drafts == 0)
        #expect(preview.site.exists(Self.storyPage))
    }

    @Test("A story added and then deleted, each followed by a prose edit elsewhere")
    func addedAndDeleted() throws {
        var preview = try Preview()
        defer { preview.site.remove() }
        let story = "04-the-night-ferry.md"
        try preview.site.write("# The Night Ferry\n\nMarta Vidal took the night ferry across the Tagus to Lisbon once more.\n",
                               to: "seeds/" + story)
        try preview.expectCleanBuild(try preview.rebuild(after: story))
        #expect(preview.site.exists("stories/the-night-ferry/index.html"))
        try preview.expectCleanBuild(try preview.save(Self.story) { $0 + "\nThe lanterns went out one by one.\n" })

        try FileManager.default.removeItem(at: preview.site.seeds.appendingPathComponent(story))
        try preview.expectCleanBuild(try preview.rebuild(after: story))
        #expect(!preview.site.exists("stories/the-night-ferry/index.html"))
        try preview.expectCleanBuild(try preview.save(Self.story) { $0 + "\nInês counted the moons she had left.\n" })
    }

    @Test("A new title links the anthology again; the next prose edit patches that link")
    func titleThenProse() throws {
        var preview = try Preview()
        defer { preview.site.remove() }
        let retitled = try preview.save(Self.story) { $0.replacingOccurrences(of: "# Night Market", with: "# The Lantern Seller") }
        try preview.expectCleanBuild(retitled)
        #expect(preview.site.exists("stories/the-lantern-seller/index.html"))

        let edited = try preview.save(Self.story) { $0 + "\nThe lanterns went out one by one.\n" }
        try preview.expectCleanBuild(edited)
        #expect(try preview.site.page("stories/the-lantern-seller/index.html").contains("The lanterns went out one by one."))
    }
}
