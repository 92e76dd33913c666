import Foundation
import Testing
@testable import AnthologyKit

@Suite("Load")
struct LoadTests {
    @Test func readsStoriesInSubfoldersSortedAndSkipsHiddenFilesAndBuiltSites() throws {
        let site = try FixtureAnthology(stories: [
            "b.md": "B", "a/c.txt": "C", "a/.d.md.swp": "x", ".hidden/e.md": "E", "notes.pdf": "x",
            "site/.anthology-manifest": "# Written by Anthology", "site/robots.txt": "User-agent: *",
        ])
        defer { site.remove() }
        let (files, diagnostics) = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds").load()
        #expect(diagnostics.isEmpty)
        #expect(files.map(\.relativePath) == ["a/c.txt", "b.md"])
        #expect(files.map(\.displayPath) == ["seeds/a/c.txt", "seeds/b.md"])
    }

    @Test("Stories are found by extension in any case, and through links to folders")
    func storyNamesAndLinkedFolders() throws {
        let site = try FixtureAnthology(stories: [
            "A.MD": "A", "b.Markdown": "B", "c.TXT": "C", "d.md.bak": "x", "e.mdx": "x", "f": "x", "g.": "x",
            "elsewhere/h.md": "H",
        ])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.seeds.path + "/linked",
                                                   withDestinationPath: site.seeds.path + "/elsewhere")
        let (files, diagnostics) = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds").load()
        #expect(diagnostics.isEmpty)
        #expect(files.map(\.relativePath) == ["A.MD", "b.Markdown", "c.TXT", "elsewhere/h.md", "linked/h.md"])
    }

    /// What a rebuild sees: `previous` as a build long ago read it (its stamps settled).
    private func settled(_ files: [SourceFile]) -> [String: SourceFile] {
        Dictionary(uniqueKeysWithValues: files.map { file in
            var file = file
            file.stamp?.readAt = .max
            return (file.relativePath, file)
        })
    }

    @Test("A rebuild reuses files stat shows unchanged, and reads every file that changed in any way")
    func unchangedFilesAreNotReadAgain() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Alpha", "b.md": "Bravo", "c.md": "Charlie"])
        defer { site.remove() }
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        var previous = settled(loader.load().files)
        // A file the loader would reuse says so by its text: change what the cache holds.
        previous["a.md"]?.text = "Alpha, as cached"
        previous["b.md"]?.text = "Bravo, as cached"
        previous["c.md"]?.text = "Charlie, as cached"
        try site.write("Bravo!", to: "seeds/b.md")  // new size
        try FileManager.default.removeItem(at: site.seeds.appendingPathComponent("c.md"))
        try site.write("Charles", to: "seeds/c.md")  // same size, written again
        let (files, diagnostics) = loader.load(reusing: previous)
        #expect(diagnostics.isEmpty)
        #expect(files.map(\.text) == ["Alpha, as cached", "Bravo!", "Charles"])
    }

    @Test("A file read right after it was written is read again, however it looks to stat")
    func recentlyWrittenFilesAreReadAgain() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Alpha"])
        defer { site.remove() }
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        var previous = Dictionary(uniqueKeysWithValues: loader.load().files.map { ($0.relativePath, $0) })
        previous["a.md"]?.text = "as cached"
        #expect(loader.load(reusing: previous).files.map(\.text) == ["Alpha"])
    }

    @Test func namesTheFirstByteThatIsNotUTF8() {
        let result = SourceLoader.decode(Data("Line one\nCafé \u{FF}".utf8) + Data([0xC3, 0x28]), displayPath: "s.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect((diagnostic.line, diagnostic.column) == (2, 7))  // after "Café ÿ", six characters
    }
}

@Suite("Parse: front matter")
struct FrontMatterTests {
    let parser = FrontMatterParser()

    @Test func readsEveryKnownField() {
        let text = """
        ---
        title: "Dawn: A Story"
        date: 2024-02-29
        author: Ines Moreau
        summary: Two strangers share a bench.
        characters:
          - Ada Lind
          - {name: Bo Stein, aliases: [Bo, Mr. Stein]}
        cities: [Malmö]
        draft: true
        order: 4
        ---
        Body here.
        """
        let result = parser.parse(text, file: "dawn.md")
        let frontMatter = result.frontMatter
        #expect(result.diagnostics.isEmpty)
        #expect(frontMatter.title == "Dawn: A Story")
        #expect(frontMatter.date?.iso == "2024-02-29")
        #expect(frontMatter.date?.readable == "29 February 2024")
        #expect(frontMatter.author == "Ines Moreau")
        #expect(frontMatter.characters == [.init(name: "Ada Lind"), .init(name: "Bo Stein", aliases: ["Bo", "Mr. Stein"])])
        #expect(frontMatter.cities == ["Malmö"])
        #expect(frontMatter.draft)
        #expect(frontMatter.order == 4)
        #expect(result.body == "Body here.")
        #expect(result.bodyLineOffset == 12)
    }

    @Test("A file saved with Windows line ends has its front matter read, and its body kept as written")
    func windowsLineEnds() {
        let result = parser.parse("---\r\ntitle: Harbour\r\nauthor: Ines\r\n---\r\nFirst line.\r\nSecond line.", file: "a.md")
        #expect(result.diagnostics.isEmpty)
        #expect(result.frontMatter.title == "Harbour")
        #expect(result.frontMatter.author == "Ines")
        #expect(result.body == "First line.\r\nSecond line.")
        #expect(result.bodyLineOffset == 4)
        #expect(parser.body(of: "---\r\ntitle: Harbour\r\n---\r\nFirst line.") == "First line.")
        // A fence that ends the file leaves an empty body; a missing one is still an error.
        #expect(parser.parse("---\ntitle: A\n---", file: "a.md").body == "")
        #expect(parser.parse("---\r\ntitle: A\r\nText.", file: "a.md").diagnostics.first?.message == "front matter starts here but never ends")
    }

    @Test func aStoryWithoutFrontMatterIsAllBody() {
        let result = parser.parse("Just a story.\n---\nWith a rule.", file: "a.md")
        #expect(result.body == "Just a story.\n---\nWith a rule.")
        #expect(result.frontMatter == FrontMatter())
    }

    @Test func numbersAndBooleansAsTitlesStayText() {
        let result = parser.parse("---\ntitle: 1984\n---\nText.", file: "a.md")
        #expect(result.frontMatter.title == "1984")
        // Whatever type YAML would give a plain value, a text field shows it as written.
        let typed = parser.parse("---\ntitle: No\nauthor: 2024-03-01\nsummary: ~\n---\nText.", file: "a.md")
        #expect(typed.frontMatter.title == "No" && typed.frontMatter.author == "2024-03-01" && typed.frontMatter.summary == "~")
        #expect(typed.diagnostics.isEmpty)
    }

    /// `draft` takes YAML's booleans in every spelling, and only those: front matter types
    /// no other plain value (see `FrontMatterParser.resolver`).
    @Test func draftTakesEveryYAMLBoolean() {
        for (written, value) in [("true", true), ("yes", true), ("On", true), ("FALSE", false), ("no", false), ("off", false)] {
            let result = parser.parse("---\ndraft: \(written)\n---\nText.", file: "a.md")
            #expect(result.frontMatter.draft == value && result.diagnostics.isEmpty, "draft: \(written)")
        }
        for written in ["\"true\"", "1", "maybe"] {
            let result = parser.parse("---\ndraft: \(written)\n---\nText.", file: "a.md")
            #expect(result.diagnostics.first?.message == "`draft` must be true or false", "draft: \(written)")
        }
        #expect(parser.parse("---\norder: 0x10\n---\nText.", file: "a.md").frontMatter.order == 16)
    }

    @Test func aMisspeltKeyIsAWarningWithASuggestion() throws {
        let result = parser.parse("---\ntitle: A\nautor: B\n---\nText.", file: "a.md")
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect((warning.line, warning.column) == (3, 1))
        #expect(warning.fix == "did you mean `author`?")
    }

    @Test func anImpossibleDateIsAnErrorOnItsLine() throws {
        let result = parser.parse("---\ntitle: A\ndate: 2023-02-30\n---\nText.", file: "a.md")
        let error = try #require(result.diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.line == 3)
        #expect(error.message.contains("date"))
    }
}

@Suite("Parse: Markdown")
struct MarkdownTests {
    func html(_ markdown: String) -> String {
        MarkdownDocument(markdown: markdown).html()
    }

    @Test func supportsGitHubExtensionsFootnotesAndSmartPunctuation() {
        #expect(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>"))
        #expect(html("~~gone~~").contains("<del>gone</del>"))
        #expect(html("see https://example.org").contains("<a href=\"https://example.org\">"))
        #expect(html("- [x] done").contains("checked"))
        let footnote = html("A claim.[^1]\n\n[^1]: The source.")
        #expect(footnote.contains("href=\"#fn-1\"") && footnote.contains("id=\"fn-1\""))
        #expect(html("\"Hello,\" she said -- it's late...").contains("“Hello,” she said – it’s late…"))
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let output = html("<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> [link](javascript:alert(2))")
        #expect(!output.contains("<script"))
        #expect(!output.contains("onclick"))
        #expect(!output.contains("javascript:"))
    }

    @Test func anOpeningHeadingIsTheTitleAndLeavesTheBody() {
        let document = MarkdownDocument(markdown: "# The *Long* Night\n\nIt was dark.\n\n## Part Two\n\nStill dark.")
        #expect(document.removeOpeningHeading() == "The Long Night")
        let output = document.html()
        #expect(!output.contains("The <em>Long</em> Night"))
        #expect(output.contains("<h2>Part Two</h2>"))
    }

    @Test func proseLeavesOutHeadingsAndCode() {
        let document = MarkdownDocument(markdown: "## Chapter One\n\nMira ran.\n\n```\nLet Foo = 1\n```\n\n> Zoe waited.")
        #expect(document.proseText() == "Mira ran.\n\nZoe waited.")
        #expect(document.wordCount() == 9)  // Chapter One, Mira ran, Let Foo 1, Zoe waited
    }

    @Test func linksOnlyTheFirstMentionAndNotInsideLinks() {
        let document = MarkdownDocument(markdown: "[Mira](https://example.org) met Mira. Then Mira left.")
        let placed = document.linkFirstMentions([.init(forms: ["Mira"], href: "../m/index.html", id: "character-mira")])
        #expect(placed == ["character-mira"])
        let output = document.html()
        #expect(output.contains("met <a class=\"mention\" id=\"character-mira\" href=\"../m/index.html\">Mira</a>. Then Mira left."))
    }
}

@Suite("Parse: plain text")
struct PlainTextTests {
    @Test func markdownCharactersStayLiteral() {
        let html = MarkdownDocument(markdown: PlainText.markdown(from: "# not a heading\n1. not a list\n*not emphasis* <b>not html</b> & [not](a link)")).html()
        #expect(html.contains("# not a heading"))
        #expect(html.contains("1. not a list"))
        #expect(html.contains("*not emphasis* &lt;b&gt;not html&lt;/b&gt; &amp; [not](a link)"))
    }

    @Test func linesOfALetterKeepTheirBreaksButWrappedProseFlows() {
        #expect(PlainText.markdown(from: "Yours,\nAnna").contains("Yours,\\\nAnna"))
        let wrapped = String(repeating: "This paragraph was wrapped at a fixed width by an old editor, long ago.\n", count: 5)
        #expect(PlainText.isHardWrapped(wrapped))
        #expect(!PlainText.markdown(from: wrapped).contains("\\\n"))
    }
}

@Suite("Word characters")
struct WordCharacterTests {
    @Test("Letters, marks and digits of every script count as in Foundation's alphanumerics, and nothing else does")
    func sameAsFoundation() {
        let samples = "Aa zZ 09 ÉéßøŁ ĳ ǅ ʰ 東京 ١٢ Ⅻ ½ ² \u{0301}\u{20DD}\u{0903} -'’.,;:!?()[]{}<>«»—–…@#$%^&*_+=|\\/~`\"\u{00A0}\u{2003}\t\n😀✓"
        for scalar in samples.unicodeScalars {
            #expect(scalar.isAlphanumeric == CharacterSet.alphanumerics.contains(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(MarkdownDocument.countWords("Sophie’s well-known café, 東京 and 42 more.") == 7)
        // Two-, three- and four-byte scalars: a combining accent is part of its word, an
        // emoji and a dash are not words, and neither joins two.
        #expect(MarkdownDocument.countWords("e\u{301}te\u{301} — Łódź 🙂 go—on 3rd") == 5)
    }

    @Test("Prose and sentences are trimmed of exactly the white space Foundation trims")
    func trimmingAsFoundation() {
        let spaces = "\t\n\u{0B}\u{0C}\r \u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}"
        let samples = ["", "   ", "word", " word ", spaces + "two words" + spaces, "\u{200B}zero width\u{200B}",
                       " \u{301}accent first", "tail accent \u{301} ", "\n\nparagraph\n\n", "東京\u{3000}"]
        for sample in samples {
            #expect(sample.trimmedWhitespace == sample.trimmingCharacters(in: .whitespacesAndNewlines), "\(sample.unicodeScalars.map(\.value))")
        }
        // Every scalar of the Basic Multilingual Plane, each alone and between letters.
        let differing = (0..<0x10000).compactMap(Unicode.Scalar.init).filter { scalar in
            let alone = String(scalar), between = "a" + alone + "b"
            return alone.trimmedWhitespace != alone.trimmingCharacters(in: .whitespacesAndNewlines)
                || between.trimmedWhitespace != between
        }
        #expect(differing.isEmpty, "\(differing.map { "U+" + String($0.value, radix: 16) })")
    }
}
