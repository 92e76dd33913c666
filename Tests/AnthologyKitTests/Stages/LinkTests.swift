import Testing
@testable import AnthologyKit

@Suite("Link")
struct LinkTests {
    func story(_ path: String, title: String? = nil, order: Int? = nil, date: String? = nil,
               characters: [StoryEntities.Character] = [], prose: String = "Some text here.") -> SiteLinker.Input {
        var frontMatter = FrontMatter()
        frontMatter.title = title
        frontMatter.order = order
        frontMatter.date = date.flatMap(StoryDate.init(parsing:))
        let parsed = ParsedStory(relativePath: path, displayPath: path, frontMatter: frontMatter, markdown: prose,
                                 headingTitle: nil, opensWithHeading: false, prose: prose, wordCount: 3)
        return .init(story: parsed, entities: StoryEntities(characters: characters))
    }

    func character(_ name: String, mentions: Int = 1, offset: Int = 0) -> StoryEntities.Character {
        .init(name: name, mentions: mentions, firstOffset: offset, sentence: "\(name) arrived.")
    }

    @Test("An edit that leaves a story's links alone patches the last link; any other links again; both equal a clean link")
    func relinkingAfterAnEdit() throws {
        let kai = character("Kai Moana"), ines = character("Inès Duarte")
        func anthology(_ b: SiteLinker.Input) -> [SiteLinker.Input] {
            [story("a.md", characters: [kai, ines], prose: "Kai and Inès met at the pier."),
             b,
             story("c.md", title: "Home", characters: [kai])]
        }
        /// The link of `inputs` after `previous`, and what is left of `previous`: nil when patched.
        func link(_ inputs: [SiteLinker.Input], after previous: SiteLinker.Linked?) -> (SiteLinker.Linked, left: SiteLinker.Linked?) {
            var previous = previous
            return (SiteLinker().link(inputs, after: &previous), previous)
        }
        let before = anthology(story("b.md", title: "Home", characters: [ines], prose: "Inès walked home alone."))
        let (last, _) = link(before, after: nil)
        let edits: [(name: String, input: SiteLinker.Input, patched: Bool)] = [
            ("longer prose", story("b.md", title: "Home", characters: [ines],
                                   prose: "Inès walked home alone. The rain had stopped by then, mostly."), true),
            ("a new character", story("b.md", title: "Home", characters: [ines, character("Teo Park")],
                                      prose: "Inès walked home alone."), false),
            ("another title", story("b.md", title: "Away", characters: [ines], prose: "Inès walked home alone."), false),
            ("another date", story("b.md", title: "Home", date: "2001-01-01", characters: [ines],
                                   prose: "Inès walked home alone."), false),
            ("a rename", story("b2.md", title: "Home", characters: [ines], prose: "Inès walked home alone."), false),
        ]
        for edit in edits {
            let after = anthology(edit.input)
            let (relinked, left) = link(after, after: last)
            let (clean, _) = link(after, after: nil)
            #expect(relinked.site == clean.site, "\(edit.name)")
            #expect(relinked.notes == clean.notes, "\(edit.name)")
            #expect(relinked.patched == edit.patched, "\(edit.name)")
            // A patch takes the last link; linking again leaves it, untouched, to be freed later.
            #expect((left == nil) == edit.patched, "\(edit.name)")
            #expect(left.map { $0.site == last.site } ?? true, "\(edit.name)")
        }
        let longer = link(anthology(edits[0].input), after: last).0.site
        #expect(longer.stories.map(\.slug) == ["kai-and-ines", "home", "home-2"])
        #expect(longer.stories[1].wordCount == 3 && longer.stories[1].markdown.hasSuffix("mostly."))
    }

    @Test func slugsAreTransliteratedAndSafe() {
        #expect(Slug.make("Théo Ærø", fallback: "x") == "theo-aero")
        #expect(Slug.make("Sophie's Choice!", fallback: "x") == "sophies-choice")
        #expect(Slug.make("東京", fallback: "x") == "dong-jing")
        #expect(Slug.make("../../etc/passwd", fallback: "x") == "etc-passwd")
        #expect(Slug.make("<script>", fallback: "x") == "script")
        #expect(Slug.make("¿?", fallback: "story") == "story")
    }

    @Test func storiesFollowOrderThenDateThenFileName() {
        let (site, _) = SiteLinker().link([
            story("c.md", title: "C"), story("b.md", title: "B", date: "2020-01-01"),
            story("a.md", title: "A"), story("z.md", title: "Z", order: 1),
        ])
        #expect(site.stories.map(\.title) == ["Z", "B", "A", "C"])
    }

    @Test func sharedSlugsGetDistinctSuffixesAndANote() {
        let (site, notes) = SiteLinker().link([story("a.md", title: "Home"), story("b.md", title: "Home!")])
        #expect(site.stories.map(\.slug) == ["home", "home-2"])
        #expect(notes.count == 1 && notes[0].message.contains("home-2"))
    }

    @Test("Namesakes share one note about their slugs, whatever their number")
    func namesakesShareOneSlugNote() {
        let (site, notes) = SiteLinker().link((1...4).map { story("\($0).md", title: "Story \($0)", characters: [character("Kai")]) }
            + [story("5.md", title: "Home"), story("6.md", title: "Home")])
        #expect(site.characters.map(\.slug) == ["kai", "kai-2", "kai-3", "kai-4"])
        #expect(notes.map(\.message).sorted() == [
            "4 characters called `Kai` would share the slug `kai`; the first keeps it, the others get `kai-2` to `kai-4`",
            "story `Home` would share the slug `home`; it gets `home-2` instead",
        ])
    }

    @Test("Namesakes whose slug another name holds are not told that one of them keeps it")
    func namesakesWhoseSlugAnotherNameHolds() {
        let (site, notes) = SiteLinker().link([story("a.md", title: "Home!"), story("b.md", title: "Home"),
                                               story("c.md", title: "Home")])
        #expect(site.stories.map(\.slug) == ["home", "home-2", "home-3"])
        #expect(notes.map(\.message) == [
            "2 stories called `Home` would share the slug `home`, which another story has; they get `home-2` to `home-3`",
        ])
    }

    @Test func aBareFirstNameIsNotMergedAcrossStories() {
        let (site, _) = SiteLinker().link([
            story("a.md", title: "A", characters: [character("Kai")]),
            story("b.md", title: "B", characters: [character("Kai")]),
            story("c.md", title: "C", characters: [character("Kai Moana")]),
            story("d.md", title: "D", characters: [character("Kai Moana")]),
        ])
        #expect(site.characters.map(\.slug) == ["kai", "kai-2", "kai-moana"])
        #expect(site.characters.map { $0.appearances.count } == [1, 1, 2])
        // Each Kai is told from the other by the story they first appear in; Kai Moana needs nothing.
        #expect(site.characterDisambiguations == ["A", "B", nil])
    }

    @Test func derivedTitlesNameTheLeadCharacters() {
        let entities = StoryEntities(characters: [character("Sophie Kentaro", mentions: 9, offset: 0),
                                                  character("Milo", mentions: 1, offset: 50),
                                                  character("Akira", mentions: 5, offset: 20)])
        #expect(SiteLinker.derivedTitle(entities, leadWords: "") == "Sophie and Akira")
        #expect(SiteLinker.derivedTitle(StoryEntities(), leadWords: story("a.md", prose: "The wind rose over the empty fields at dusk.").story.leadWords) == "The wind rose over the empty…")
    }
}

@Suite("Diagnostic lists")
struct DiagnosticListTests {
    @Test("Errors and warnings are always listed; notes past the limit are counted on one line")
    func notesAreCapped() {
        let notes = (1...30).map { Diagnostic.note("stories", "note \($0)") }
        let diagnostics = [Diagnostic.error("seeds/a.md", "broken")] + notes + [.warning("seeds/b.md", "odd")]
        let lines = DiagnosticList(diagnostics, noteLimit: 20).lines
        #expect(lines.count == 1 + 20 + 1 + 1)
        #expect(lines.contains { $0.contains("broken") } && lines.contains { $0.contains("odd") })
        #expect(lines.last == "note: 10 more notes like these (run with --verbose to list them all)")
        #expect(DiagnosticList(diagnostics, noteLimit: nil).lines.count == 32)
        #expect(DiagnosticList(Array(notes.prefix(20)), noteLimit: 20).lines.count == 20)
    }
}

@Suite("Excerpts")
struct ExcerptTests {
    /// ASCII text is split by bytes; every ASCII character must split as it does as a `Character`.
    @Test func asciiSplitsAtTheSameWhiteSpaceAsCharacters() {
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let text = ascii + " word\r\nnext\u{0B}\u{0C}\u{1C}end  "
        #expect(Excerpt.whitespaceSeparated(text) == text.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(Excerpt.whitespaceSeparated("Mara\u{A0}Okafor  waved") == ["Mara", "Okafor", "waved"])
    }

    /// A sentence short and plain enough to be its own excerpt must read as the general case
    /// (split at white space, joined by single spaces, cut to a window) makes it read.
    @Test(arguments: [
        "Mara Okafor waved.", "Mara  Okafor waved.", " Mara waved.", "Mara waved. ", "Mara\twaved.", "Mara\nwaved.",
        "Łukasz waved.", "“Łukasz,” she said — twice.", "Mara\u{A0}waved.", "Mara \u{301}waved.", "Mara\u{2028}waved.",
        "", "x", String(repeating: "word ", count: 35) + "Mara", String(repeating: "word ", count: 36) + "Mara",
        String(repeating: "word ", count: 50) + "Mara Okafor waved.",
    ])
    func aSentenceAroundAMentionIsCutAsWordsAre(_ sentence: String) {
        let words = sentence.split(whereSeparator: \.isWhitespace).map(String.init)
        let expected: String
        if words.count > 36 {
            let position = words.firstIndex { $0.hasPrefix("Mara") } ?? 0
            let start = max(0, min(position - 18, words.count - 36))
            let end = min(words.count, start + 36)
            expected = (start > 0 ? "…" : "") + words[start..<end].joined(separator: " ") + (end < words.count ? "…" : "")
        } else {
            expected = words.joined(separator: " ")
        }
        #expect(Excerpt.around(["Mara Okafor", "Mara"], in: sentence) == expected)
    }

    /// ASCII is read by bytes and anything else by `Character`; both must give what splitting
    /// by `Character` gives.
    @Test func leadWordsAreTheSameWhateverTheText() {
        func bySplitting(_ text: String, _ limit: Int) -> String {
            let words = text.split(maxSplits: limit, whereSeparator: \.isWhitespace)
            var cut = words.prefix(limit).joined(separator: " ")
            guard words.count > limit, words[limit].contains(where: { !$0.isWhitespace }) else { return cut }
            while let last = cut.last, ",;:–—-".contains(last) { cut.removeLast() }
            return cut + "…"
        }
        let accent = "e\u{301}"
        let texts = ["", "  ", "One two, three four", " One two three\r\n", "One\ttwo  three\u{0B}\u{0C}four\u{1C}five",
                     "Caf\(accent) au lait, s'il vous pla\(accent)t", "One two three \u{A0} four", "One two \u{301}three"]
        for text in texts {
            for limit in 0...6 {
                #expect(Excerpt.words(of: text, limit: limit) == bySplitting(text, limit), "\(limit) words of \(text.debugDescription)")
            }
        }
    }

    @Test("A long text is cut after the word limit, with an ellipsis and no dangling comma")
    func wordsOfALongText() {
        #expect(Excerpt.words(of: "One two, three four", limit: 2) == "One two…")
        #expect(Excerpt.words(of: "  One\n two   three ", limit: 3) == "One two three")
        #expect(Excerpt.words(of: "One two three   \n", limit: 3) == "One two three")
        #expect(Excerpt.words(of: "One two three four", limit: 3) == "One two three…")
        #expect(Excerpt.words(of: "", limit: 3) == "")
        #expect(Excerpt.opening(of: "First paragraph here.\n\nSecond one.", words: 10) == "First paragraph here.")
    }

    @Test("A story's opening is taken from its first paragraph only")
    func openingStopsAtTheFirstBlankLine() {
        #expect(Excerpt.opening(of: "One line\nand the next.\n\nLater.", words: 10) == "One line and the next.")
        #expect(Excerpt.opening(of: "Zoë left.\n\n\nLater.", words: 10) == "Zoë left.")
        #expect(Excerpt.opening(of: "No blank line at all.\nJust lines.", words: 10) == "No blank line at all. Just lines.")
        #expect(Excerpt.opening(of: "Ends with one.\n\n", words: 10) == "Ends with one.")
        #expect(Excerpt.opening(of: "Ends with a line feed.\n", words: 10) == "Ends with a line feed.")
    }
}
