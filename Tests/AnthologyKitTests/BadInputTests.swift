import Foundation
import Testing
@testable import AnthologyKit

/// What a user sees when their stories, templates or output folder are wrong:
/// one failed build that names every problem precisely, and a site that is never half-replaced.
@Suite("Bad input")
struct BadInputTests {
    // MARK: - Helpers

    /// A short, valid story, so a fixture has something to publish besides the broken input.
    static let goodStory = """
        ---
        title: The Ferry at Dusk
        ---
        Marguerite waited at the ferry landing while the gulls argued over a crust of bread.
        When the boat finally came, she let the schoolchildren board first.
        """

    /// Errors the build reported for the story or template whose path ends in `name`.
    static func errors(_ diagnostics: [Diagnostic], in name: String) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error && ($0.file == name || $0.file.hasSuffix("/" + name)) }
    }

    /// Every file below `folder` with its bytes, hidden files (the manifest) included.
    static func snapshot(_ site: FixtureAnthology, _ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in site.files(in: folder) {
            result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return result
    }

    /// Makes `change`, builds, and expects the build to fail with the site byte for byte as it
    /// was and nothing left beside it.
    static func expectFailedBuildKeepsSite(_ site: FixtureAnthology, after change: () throws -> Void) throws {
        let before = try snapshot(site, site.output)
        try change()
        #expect(site.failure().hasErrors)
        let after = try snapshot(site, site.output)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after == before)
        #expect(try leftovers(site).isEmpty)
    }

    /// Entries beside the output folder that a build left behind.
    static func leftovers(_ site: FixtureAnthology) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.contains("anthology-staging") || $0.contains("anthology-previous") }
    }

    // MARK: - Front matter

    @Test("An unclosed quote in front matter is reported at the line of the quote")
    func unclosedQuote() throws {
        let site = try FixtureAnthology(stories: [
            "lantern.md": """
                ---
                title: "The Lantern Keeper
                author: Ines Varga
                date: 2024-05-01
                ---
                Every evening Tomasz climbed the hundred steps of the lighthouse and trimmed the wick.
                """,
        ])
        defer { site.remove() }

        let diagnostics = site.failure()
        let errors = Self.errors(diagnostics, in: "lantern.md")
        let error = try #require(errors.first, "expected an error for lantern.md, got \(diagnostics)")
        #expect(error.line == 2, "the unclosed quote is on line 2 of the file: \(error)")
        #expect(error.fix != nil)
    }

    @Test("A bad indent in front matter is reported at the indented line")
    func badIndent() throws {
        let site = try FixtureAnthology(stories: [
            "low-tide.md": """
                ---
                title: Low Tide
                author: Ruth Okafor
                  summary: The sea goes out and does not come back.
                ---
                At low tide the harbour became a field of mud, and Pavel walked out across it to the wreck.
                """,
        ])
        defer { site.remove() }

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "low-tide.md").first,
                                 "expected an error for low-tide.md, got \(diagnostics)")
        #expect(error.file.hasSuffix("low-tide.md"))
        #expect(error.line == 4, "the mis-indented key is on line 4 of the file: \(error)")
        #expect(error.fix != nil)
    }

    @Test("Front matter that never closes is reported at line 1")
    func unterminatedFrontMatter() throws {
        let site = try FixtureAnthology(stories: [
            "open-door.md": """
                ---
                title: The Open Door
                author: Lena Moss
                The door to the bakery was open all night, and by morning the whole street smelled of bread.
                """,
        ])
        defer { site.remove() }

        let diagnostics = site.failure()
        let errors = Self.errors(diagnostics, in: "open-door.md")
        let error = try #require(errors.first { $0.message.contains("front matter") },
                                 "expected a front matter error for open-door.md, got \(diagnostics)")
        #expect(error.line == 1)
        #expect(error.fix != nil)
    }

    @Test("Values of the wrong type are errors that name the key, at the key's line")
    func wrongTypes() throws {
        let site = try FixtureAnthology(stories: [
            "paper-boats.md": """
                ---
                title: Paper Boats
                date: yesterday
                order: first
                draft: sometimes
                characters: {captain: Odile}
                ---
                Odile folded paper boats from the newspaper and set them sailing down the gutter after the rain.
                """,
        ])
        defer { site.remove() }

        let diagnostics = site.failure()
        let errors = Self.errors(diagnostics, in: "paper-boats.md")
        for (key, line) in [("date", 3), ("order", 4), ("draft", 5), ("characters", 6)] {
            let error = errors.first { $0.message.contains("`\(key)`") }
            #expect(error != nil, "no error names `\(key)`: \(diagnostics)")
            #expect(error?.line == line, "`\(key)` is on line \(line): \(String(describing: error))")
            #expect(error?.fix != nil)
        }
    }

    @Test("An unknown key is a warning that suggests the key that was meant",
          arguments: [("titel", "title"), ("autor", "author"), ("sumary", "summary")])
    func unknownKey(typo: String, meant: String) throws {
        let site = try FixtureAnthology(stories: [
            "orchard.md": """
                ---
                \(typo): The Orchard
                ---
                Beatrix walked between the apple trees at dawn, counting the ones the frost had spared.
                """,
        ])
        defer { site.remove() }

        let report = try site.build()
        let warning = try #require(report.diagnostics.first { $0.message.contains("`\(typo)`") },
                                   "no diagnostic names `\(typo)`: \(report.diagnostics)")
        #expect(warning.severity == .warning)
        #expect(warning.file.hasSuffix("orchard.md"))
        #expect(warning.line == 2)
        #expect(warning.fix?.contains("did you mean `\(meant)`") == true, "fix was: \(warning.fix ?? "nil")")
        #expect(site.exists("index.html"))
    }

    // MARK: - Reading files

    @Test("Invalid UTF-8 is reported at the line and column of the bad byte")
    func invalidUTF8() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.write(Data([0x48, 0x69, 0x0A, 0x6F, 0xFF, 0x6B]), to: "seeds/mojibake.md")

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "mojibake.md").first,
                                 "expected an error for mojibake.md, got \(diagnostics)")
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(error.fix != nil)
    }

    @Test("An empty story and a story with only front matter are errors")
    func emptyStories() throws {
        let site = try FixtureAnthology(stories: [
            "ferry.md": Self.goodStory,
            "empty.md": "",
            "only-front-matter.md": """
                ---
                title: Nothing Yet
                author: Jun Park
                ---

                """,
        ])
        defer { site.remove() }

        let diagnostics = site.failure()
        let empty = Self.errors(diagnostics, in: "empty.md")
        let frontOnly = Self.errors(diagnostics, in: "only-front-matter.md")
        #expect(!empty.isEmpty, "no error for empty.md: \(diagnostics)")
        #expect(!frontOnly.isEmpty, "no error for only-front-matter.md: \(diagnostics)")
        #expect(Self.errors(diagnostics, in: "ferry.md").isEmpty)
    }

    @Test("A story that cannot be read (a dangling link) is an error naming it")
    func danglingLink() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: site.seeds.appendingPathComponent("lost.md").path,
            withDestinationPath: site.root.appendingPathComponent("nowhere/lost.md").path)

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "lost.md").first,
                                 "expected an error for lost.md, got \(diagnostics)")
        #expect(error.fix != nil)
        #expect(!site.exists("index.html"), "nothing is written when a story cannot be read")
    }

    // MARK: - Templates

    @Test("A template with an unclosed section is an error naming the template and a line")
    func unclosedTemplateSection() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.write("""
            <ol>
            {{#stories}}
            <li>{{title}}</li>
            </ol>

            """, to: "templates/home.mustache")

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "home.mustache").first,
                                 "expected an error for home.mustache, got \(diagnostics)")
        #expect(error.line > 0)
        #expect(error.fix != nil)
    }

    @Test("A template with a mismatched close is reported at the closing tag's line")
    func mismatchedTemplateClose() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.write("""
            <ol>
            {{#stories}}
            <li>{{title}}</li>
            {{/story}}
            </ol>

            """, to: "templates/home.mustache")

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "home.mustache").first,
                                 "expected an error for home.mustache, got \(diagnostics)")
        #expect(error.line == 4, "the mismatched {{/story}} is on line 4: \(error)")
    }

    @Test("A tag left open on a template's first line is reported at line 1 and its column")
    func unclosedTagOnFirstLine() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.write("<h1>{{siteTitle</h1>\n", to: "templates/home.mustache")

        let diagnostics = site.failure()
        let error = try #require(Self.errors(diagnostics, in: "home.mustache").first,
                                 "expected an error for home.mustache, got \(diagnostics)")
        #expect(error.line == 1, "\(error)")
        #expect(error.column > 4, "\(error)")
    }

    // MARK: - Everything at once

    @Test("Several problems are all reported by one failed build")
    func severalProblems() throws {
        let site = try FixtureAnthology(stories: [
            "ferry.md": Self.goodStory,
            "quarrel.md": """
                ---
                title: [The Quarrel
                ---
                Two brothers stopped speaking over a borrowed ladder and did not speak again for nine years.
                """,
            "silence.md": "",
        ])
        defer { site.remove() }
        try site.write("{{#stories}}<p>{{title}}</p>\n", to: "templates/home.mustache")

        let diagnostics = site.failure()
        for name in ["quarrel.md", "silence.md", "home.mustache"] {
            #expect(!Self.errors(diagnostics, in: name).isEmpty, "\(name) is not named in \(diagnostics)")
        }
        #expect(Self.errors(diagnostics, in: "ferry.md").isEmpty)
        #expect(!site.exists("index.html"))
    }

    // MARK: - Output folder

    @Test("A build that fails while reading stories leaves the previous site intact")
    func failedRebuildKeepsSite() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.build()
        #expect(site.exists("index.html"))

        try Self.expectFailedBuildKeepsSite(site) {
            try site.write("""
                ---
                title: "Half Written
                ---
                The letter was never finished.
                """, to: "seeds/letter.md")
        }
    }

    @Test("A build that fails while writing leaves the previous site intact and no staging folder")
    func failedWriteKeepsSite() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.build()
        // A page put in by hand, at the path the next story's page will want.
        try site.write("<p>my own page</p>\n", to: "public/stories/second-light/index.html")

        try Self.expectFailedBuildKeepsSite(site) {
            try site.write("""
                ---
                title: Second Light
                ---
                Before sunrise the sky over the quarry turned green, and Anselm took it for a sign.
                """, to: "seeds/second-light.md")
        }
    }

    @Test("The writer refuses a non-empty folder it did not make and changes nothing in it")
    func refusesForeignFolder() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.write("shopping: eggs, flour, lamp oil\n", to: "public/notes.txt")

        let diagnostics = site.failure()
        #expect(diagnostics.hasErrors)
        #expect(site.files() == ["notes.txt"])
        let notes = try String(contentsOf: site.output.appendingPathComponent("notes.txt"), encoding: .utf8)
        #expect(notes == "shopping: eggs, flour, lamp oil\n")
        #expect(try Self.leftovers(site).isEmpty)
    }

    @Test("The writer accepts an empty existing folder")
    func acceptsEmptyFolder() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)

        let report = try site.build()
        #expect(report.pages > 0)
        #expect(site.exists("index.html"))
        #expect(site.exists(SiteWriter.manifestName))
        #expect(try Self.leftovers(site).isEmpty)
    }

    @Test("A file put into the site by hand survives a rebuild")
    func handMadeFileSurvives() throws {
        let site = try FixtureAnthology(stories: ["ferry.md": Self.goodStory])
        defer { site.remove() }
        try site.build()
        try site.write("stories.example.org\n", to: "public/CNAME")

        try site.write("""
            ---
            title: The Night Market
            ---
            Under the bridge the night market sold lanterns, dumplings and secondhand radios to anyone awake.
            """, to: "seeds/night-market.md")
        try site.build()

        #expect(try site.page("CNAME") == "stories.example.org\n")
        #expect(site.exists("stories/the-night-market/index.html"))
        #expect(try Self.leftovers(site).isEmpty)
    }

    // MARK: - Drafts

    @Test("Drafts are left out by default and included with drafts: true")
    func drafts() throws {
        let site = try FixtureAnthology(stories: [
            "ferry.md": Self.goodStory,
            "unfinished.md": """
                ---
                title: Unfinished Business
                draft: true
                ---
                Clementine still owed the tailor for a coat she had never once worn outside.
                """,
        ])
        defer { site.remove() }

        let published = try site.build()
        #expect(published.stories == 1)
        #expect(published.drafts == 1)
        #expect(site.exists("stories/the-ferry-at-dusk/index.html"))
        #expect(!site.exists("stories/unfinished-business/index.html"))
        #expect(!PageText.visible(try site.page("index.html")).contains("Unfinished Business"))

        let withDrafts = try site.build(drafts: true)
        #expect(withDrafts.stories == 2)
        #expect(withDrafts.drafts == 0)
        #expect(site.exists("stories/unfinished-business/index.html"))
        #expect(PageText.visible(try site.page("index.html")).contains("Unfinished Business"))
    }
}
